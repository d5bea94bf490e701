"""Payment orders (支付令), the forum of a lawsuit and the matter's dispute resolution (court or arbitration), and
the firm's arbitration-fee schedules. The new tables carry the data-version trigger of migration 0004 like every
matters table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.dates

TRIGGERS = """
CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON matters_arbitrationfeescale
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed();
CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON matters_arbitrationfeetier
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed();
CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON matters_paymentorder
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed();
"""
DROP_TRIGGERS = """
DROP TRIGGER data_changed ON matters_arbitrationfeescale;
DROP TRIGGER data_changed ON matters_arbitrationfeetier;
DROP TRIGGER data_changed ON matters_paymentorder;
"""

class Migration(migrations.Migration):

    dependencies = [
        ("matters", "0007_judgment_figures"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ArbitrationFeeScale',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('commission', models.CharField(max_length=100, unique=True, verbose_name='仲裁委员会')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='收费标准来源')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': '仲裁收费标准',
                'verbose_name_plural': '仲裁收费标准',
                'ordering': ['commission', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ArbitrationFeeTier',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='争议金额起点（元）')),
                ('fixed_fee', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='固定费用（元）')),
                ('rate', models.DecimalField(decimal_places=4, max_digits=7, verbose_name='超过起点部分的费率')),
            ],
            options={
                'verbose_name': '收费档次',
                'verbose_name_plural': '收费档次',
                'ordering': ['scale_id', 'from_amount'],
            },
        ),
        migrations.CreateModel(
            name='PaymentOrder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('court', models.CharField(max_length=100, verbose_name='法院')),
                ('case_number', models.CharField(blank=True, max_length=60, verbose_name='案号')),
                ('applied_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='申请日期')),
                ('issued_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='发出支付令日期')),
                ('served_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='送达债务人日期')),
                ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='支付令金额')),
                ('outcome', models.CharField(choices=[('pending', '待定'), ('paid', '已清偿'), ('objected', '债务人提出异议'), ('effective', '已生效')], default='pending', max_length=12, verbose_name='结果')),
                ('objected_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='异议日期')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='备注')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': '支付令',
                'verbose_name_plural': '支付令',
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='lawsuit',
            name='forum',
            field=models.CharField(choices=[('court', '法院'), ('arbitration', '仲裁')], default='court', max_length=12, verbose_name='审理机构'),
        ),
        migrations.AddField(
            model_name='matter',
            name='arbitration_commission',
            field=models.CharField(blank=True, max_length=100, verbose_name='仲裁委员会'),
        ),
        migrations.AddField(
            model_name='matter',
            name='dispute_resolution',
            field=models.CharField(choices=[('court', '法院'), ('arbitration', '仲裁')], default='court', max_length=12, verbose_name='争议解决方式'),
        ),
        migrations.AlterField(
            model_name='lawsuit',
            name='decision',
            field=models.CharField(blank=True, choices=[('', '尚未结案'), ('judgment', '判决'), ('mediation', '调解'), ('ruling', '裁定'), ('withdrawn', '撤诉'), ('award', '裁决')], default='', max_length=12, verbose_name='结案方式'),
        ),
        migrations.AddConstraint(
            model_name='matter',
            constraint=models.CheckConstraint(condition=models.Q(('dispute_resolution__in', ['court', 'arbitration'])), name='matter_dispute_resolution_valid'),
        ),
        migrations.AddField(
            model_name='arbitrationfeetier',
            name='scale',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tiers', to='matters.arbitrationfeescale'),
        ),
        migrations.AddField(
            model_name='paymentorder',
            name='matter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='payment_orders', to='matters.matter'),
        ),
        migrations.AddConstraint(
            model_name='arbitrationfeetier',
            constraint=models.UniqueConstraint(fields=('scale', 'from_amount'), name='arbitration_tier_from_unique'),
        ),
        migrations.AddConstraint(
            model_name='arbitrationfeetier',
            constraint=models.CheckConstraint(condition=models.Q(('from_amount__gte', 0), ('fixed_fee__gte', 0), ('rate__gte', 0), ('rate__lt', 1)), name='arbitration_tier_values_valid'),
        ),
        migrations.AddConstraint(
            model_name='paymentorder',
            constraint=models.CheckConstraint(condition=models.Q(('outcome__in', ['pending', 'paid', 'objected', 'effective'])), name='payment_order_outcome_valid'),
        ),
        migrations.AddConstraint(
            model_name='paymentorder',
            constraint=models.CheckConstraint(condition=models.Q(('objected_on__isnull', True), ('outcome', 'objected'), _connector='OR'), name='payment_order_objection_date_only_when_objected'),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
    ]
