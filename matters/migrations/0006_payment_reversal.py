"""Payment reversals (冲销): a reversing entry with its reason, never an edit or a deletion of the payment. The
new table carries the data-version trigger of migration 0004 like every matters table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TRIGGER = """
CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON matters_paymentreversal
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed();
"""
DROP_TRIGGER = "DROP TRIGGER data_changed ON matters_paymentreversal;"


class Migration(migrations.Migration):

    dependencies = [
        ('matters', '0005_legal_date_bounds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PaymentReversal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='冲销理由')),
                ('reversed_on', models.DateField(verbose_name='冲销日期')),
                ('reversed_by_name', models.CharField(blank=True, max_length=100, verbose_name='冲销人')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('payment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='reversal', to='matters.payment', verbose_name='回款')),
                ('reversed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '回款冲销',
                'verbose_name_plural': '回款冲销',
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='payment_reversal_has_reason')],
            },
        ),
        migrations.RunSQL(TRIGGER, DROP_TRIGGER),
    ]
