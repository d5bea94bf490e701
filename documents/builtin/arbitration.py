"""仲裁申请书 (仲裁法 第二十一条、第二十三条): the filing of a matter whose contract sends disputes to arbitration.

Only the debtor is a respondent: an arbitration clause binds the parties to it, and a guarantor who signed a
separate guarantee is bound only by an arbitration agreement of its own.
"""

from documents.builtin.court import _applicant_and_respondent, _evidence_table, _money_claims, _signature
from documents.docx import DocBuilder


def arbitration_application() -> DocBuilder:
    b = DocBuilder(body_size="小四")
    b.title("仲裁申请书")
    _applicant_and_respondent(b)
    b.heading("仲裁依据")
    b.para("{% if arbitration.clause %}申请人与被申请人签订的合同约定：“{{ arbitration.clause }}”"
           "{% else %}申请人与被申请人签订的合同约定，因合同引起的或者与合同有关的争议，提交{{ arbitration.commission }}"
           "仲裁{% endif %}。该仲裁协议合法有效，依据《中华人民共和国仲裁法》第四条、第五条、第二十一条的规定，"
           "本案争议应由贵会仲裁。")
    b.heading("仲裁请求")
    _money_claims(b, "裁决被申请人")
    b.para("本案仲裁费用由被申请人承担。")
    b.heading("事实与理由")
    b.para("申请人与被申请人之间存在{{ matter.relationship }}。{{ matter.description }}")
    b.para("依双方约定，被申请人应于{{ matter.due_date }}前付清{{ matter.debt_name }}{{ claim.original_principal }}元。"
           "截至{{ claim.as_of }}，被申请人已付款{{ claim.recovered }}元，尚欠{{ matter.debt_name }}{{ claim.principal }}元"
           "未付，已构成违约。")
    b.para("申请人依据《中华人民共和国民法典》{{ matter.articles }}的规定，请求贵会依法裁决，支持申请人的全部仲裁请求。")
    _evidence_table(b)
    _signature(b, "申请人", "{{ arbitration.commission }}")
    return b
