"""The platform admin's forms for the official announcements (see calculators/announcements.py)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calculators.announcements import (
    AnnouncementError,
    LprAnnouncement,
    check_lpr,
    parse_holiday_notice,
    parse_lpr_announcement,
)


class LprAnnouncementForm(forms.Form):
    announcement = forms.CharField(
        label=_("公告原文"), required=False, widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("粘贴中国人民银行授权全国银行间同业拆借中心的公告，例如：“2025年5月20日贷款市场报价利率（LPR）为："
                    "1年期LPR为3.0%，5年期以上LPR为3.5%。”也可以不粘贴，直接填写下面三项。"))
    published_on = forms.DateField(label=_("公布日期"), required=False)
    one_year = forms.DecimalField(label=_("1年期LPR（%）"), required=False, max_digits=5, decimal_places=2)
    five_year = forms.DecimalField(label=_("5年期以上LPR（%）"), required=False, max_digits=5, decimal_places=2)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        try:
            if data.get("announcement", "").strip():
                data["parsed"] = parse_lpr_announcement(data["announcement"], today=today)
            elif data.get("published_on") and data.get("one_year") is not None:
                parsed = LprAnnouncement(data["published_on"], data["one_year"], data.get("five_year"))
                if not 0 < parsed.one_year < 100 or (parsed.five_year is not None and not 0 < parsed.five_year < 100):
                    raise AnnouncementError(str(_("LPR应大于0且小于100%。")))
                check_lpr(parsed, today=today)
                data["parsed"] = parsed
            elif not self.errors:
                raise AnnouncementError(str(_("请粘贴公告原文，或填写公布日期和1年期LPR。")))
        except AnnouncementError as error:
            raise forms.ValidationError(error.message) from None
        return data


class HolidayNoticeForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("依据"), required=False, max_length=200,
                           help_text=_("通知的文号，例如“国办发明电〔2026〕×号”。"))
    notice = forms.CharField(
        label=_("放假安排"), widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text=_("粘贴国务院办公厅通知中的放假安排，每个节日一项，例如：“春节：2月6日（周六）至12日（周五）放假调休，"
                    "共7天。2月14日（周日）、2月20日（周六）上班。”以“放假”结尾的句子为放假日期（可跨月：“4月30日至5月4日"
                    "放假”），以“上班”结尾的句子为调休上班日；括号内的星期、农历会被忽略。也可以逐行填写：“2027-02-06 至 "
                    "2027-02-12 放假”“2027-02-14 上班”。保存后该年原有的节假日数据被替换，该年视为已有完整数据。"))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["parsed"] = parse_holiday_notice(data["notice"], year=data["year"])
        except AnnouncementError as error:
            raise forms.ValidationError(error.message) from None
        return data
