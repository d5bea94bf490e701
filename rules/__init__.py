"""The law as plain functions, without Django: court fees, risk-fee caps, interest and its rates, deadlines
and limitation, identifiers and uppercase RMB, and the error they raise on bad input.

Everything else in the project calls these; they import nothing of it (a test checks that in a fresh
interpreter), so workers, scripts and the benchmarks use them as they are.
"""
