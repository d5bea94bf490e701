"""Pure matter rules (identifiers, interest, LPR seed, deadlines): plain functions, no Django."""
