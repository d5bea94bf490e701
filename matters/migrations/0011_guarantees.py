"""Guarantees: the plain many-to-many between matters and their guarantors becomes the Guarantee model, on the
same table, so every guarantor already recorded keeps its row (and its data-version trigger) and becomes a
general guarantee with the statutory period (民法典第六百八十六条、第六百九十二条). Letters may be addressed to a
guarantor."""

import django.db.models.deletion
from django.db import migrations, models

import core.dates


class Migration(migrations.Migration):

    dependencies = [
        ("matters", "0010_bankruptcy_claims_and_credit_investigations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Guarantee",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("matter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                     related_name="guarantees", to="matters.matter")),
                        ("debtor", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                     related_name="guarantees", to="matters.debtor",
                                                     verbose_name="保证人")),
                    ],
                    options={
                        "verbose_name": "保证",
                        "verbose_name_plural": "保证",
                        "db_table": "matters_matter_guarantors",
                        "ordering": ["id"],
                        "unique_together": {("matter", "debtor")},
                    },
                ),
                migrations.AlterField(
                    model_name="matter",
                    name="guarantors",
                    field=models.ManyToManyField(blank=True, related_name="guaranteed_matters",
                                                 through="matters.Guarantee", to="matters.debtor",
                                                 verbose_name="担保人"),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="guarantee",
            name="kind",
            field=models.CharField(choices=[("general", "一般保证"), ("joint", "连带责任保证")], default="general",
                                   max_length=10, verbose_name="保证方式"),
        ),
        migrations.AddField(
            model_name="guarantee",
            name="contract",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="matters.evidencefile", verbose_name="保证合同"),
        ),
        migrations.AddField(
            model_name="guarantee",
            name="period_ends_on",
            field=models.DateField(blank=True, null=True, validators=[core.dates.validate_legal_date],
                                   verbose_name="约定的保证期间届满日"),
        ),
        migrations.AddField(
            model_name="guarantee",
            name="demanded_on",
            field=models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date],
                                   verbose_name="主张保证责任日期"),
        ),
        migrations.AddConstraint(
            model_name="guarantee",
            constraint=models.CheckConstraint(condition=models.Q(("kind__in", ["general", "joint"])),
                                              name="guarantee_kind_valid"),
        ),
        migrations.AddField(
            model_name="demandletter",
            name="recipient",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="matters.debtor", verbose_name="收函人（担保人）"),
        ),
    ]
