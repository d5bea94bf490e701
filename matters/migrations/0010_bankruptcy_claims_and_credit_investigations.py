"""Claims in the debtor's bankruptcy and credit investigations (two stage records), the client's own bank account,
and the outcome 部分回收并核销. The new tables carry the data-version trigger of migration 0004 like every
matters table."""

from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.dates

TABLES = ("matters_bankruptcyclaim", "matters_creditinvestigation")
TRIGGER = "".join(f"""
CREATE CONSTRAINT TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION matters_data_changed();
""" for table in TABLES)
DROP_TRIGGER = "".join(f"DROP TRIGGER data_changed ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('matters', '0009_filing_particulars'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BankruptcyClaim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('court', models.CharField(max_length=100, verbose_name='受理法院')),
                ('case_number', models.CharField(blank=True, max_length=60, verbose_name='破产案号')),
                ('accepted_on', models.DateField(validators=[core.dates.validate_past_date], verbose_name='破产申请受理日')),
                ('notice_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='受理公告日期')),
                ('declaration_deadline', models.DateField(blank=True, null=True, validators=[core.dates.validate_legal_date], verbose_name='债权申报期限')),
                ('administrator_name', models.CharField(blank=True, max_length=200, verbose_name='管理人')),
                ('administrator_contact', models.CharField(blank=True, max_length=200, verbose_name='管理人联系人及电话')),
                ('administrator_address', models.CharField(blank=True, max_length=300, verbose_name='管理人地址')),
                ('declared_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='申报日期')),
                ('declared_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='申报金额')),
                ('secured', models.BooleanField(default=False, verbose_name='有财产担保')),
                ('confirmed_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='管理人确认金额')),
                ('distributions_received', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, verbose_name='已获分配金额')),
                ('final_distribution_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='最后分配日期')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='备注')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': '破产债权申报',
                'verbose_name_plural': '破产债权申报',
                'ordering': ['accepted_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='CreditInvestigation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('investigated_on', models.DateField(validators=[core.dates.validate_past_date], verbose_name='调查日期')),
                ('registered_capital', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='注册资本（元）')),
                ('established_on', models.DateField(blank=True, null=True, validators=[core.dates.validate_past_date], verbose_name='成立日期')),
                ('registration_status', models.CharField(choices=[('active', '存续（在营）'), ('revoked', '吊销'), ('deregistered', '注销'), ('liquidating', '清算/破产'), ('unknown', '未查明')], default='active', max_length=20, verbose_name='登记状态')),
                ('business_scope', models.TextField(blank=True, verbose_name='经营范围')),
                ('shareholders', models.TextField(blank=True, verbose_name='股东及出资')),
                ('registration_source', models.CharField(blank=True, default='国家企业信用信息公示系统', max_length=200, verbose_name='登记信息来源')),
                ('litigation_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='涉诉案件数')),
                ('litigation_summary', models.TextField(blank=True, verbose_name='涉诉及被执行情况')),
                ('dishonest_debtor', models.BooleanField(default=False, verbose_name='失信被执行人')),
                ('consumption_restricted', models.BooleanField(default=False, verbose_name='限制高消费')),
                ('litigation_source', models.CharField(blank=True, default='中国裁判文书网、中国执行信息公开网', max_length=200, verbose_name='涉诉信息来源')),
                ('conclusion', models.TextField(blank=True, verbose_name='调查结论')),
                ('recommended_road', models.CharField(blank=True, choices=[('demand_letter', '发送律师函催收'), ('negotiation', '协商还款'), ('preservation', '申请财产保全后起诉'), ('litigation', '提起诉讼'), ('payment_order', '申请支付令'), ('bankruptcy', '申报破产债权'), ('write_off', '收集核销依据')], max_length=20, verbose_name='建议清收路径')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': '资信调查',
                'verbose_name_plural': '资信调查',
                'ordering': ['investigated_on', 'id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='matter',
            name='matter_outcome_valid',
        ),
        migrations.AddField(
            model_name='client',
            name='bank_account',
            field=models.CharField(blank=True, max_length=40, verbose_name='银行账号'),
        ),
        migrations.AddField(
            model_name='client',
            name='bank_name',
            field=models.CharField(blank=True, max_length=100, verbose_name='开户银行'),
        ),
        migrations.AlterField(
            model_name='matter',
            name='outcome',
            field=models.CharField(choices=[('open', '进行中'), ('recovered', '全额收回'), ('settled', '和解结案'), ('written_off', '核销'), ('partial_write_off', '部分回收并核销'), ('withdrawn', '撤回委托')], default='open', max_length=20, verbose_name='结果'),
        ),
        migrations.AddConstraint(
            model_name='matter',
            constraint=models.CheckConstraint(condition=models.Q(('outcome__in', ['open', 'recovered', 'settled', 'written_off', 'partial_write_off', 'withdrawn'])), name='matter_outcome_valid'),
        ),
        migrations.AddField(
            model_name='bankruptcyclaim',
            name='matter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bankruptcy_claims', to='matters.matter'),
        ),
        migrations.AddField(
            model_name='creditinvestigation',
            name='matter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='credit_investigations', to='matters.matter'),
        ),
        migrations.AddConstraint(
            model_name='bankruptcyclaim',
            constraint=models.CheckConstraint(condition=models.Q(('declared_on__isnull', True), ('declared_on__gte', models.F('accepted_on')), _connector='OR'), name='bankruptcy_declared_after_acceptance'),
        ),
        migrations.AddConstraint(
            model_name='bankruptcyclaim',
            constraint=models.CheckConstraint(condition=models.Q(('distributions_received__gte', 0)), name='bankruptcy_distributions_not_negative'),
        ),
        migrations.RunSQL(TRIGGER, DROP_TRIGGER),
    ]
