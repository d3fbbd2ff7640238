"""Build review_assistant/templates/opinion.docx, the Word template of the review opinion (docxtpl / jinja2 tags).

    python scripts/make_docx_template.py

A legal office edits the resulting .docx in Word or WPS (letterhead, wording, fonts) and passes its folder with
``--templates DIR``; this script only makes the bundled starting point.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "review_assistant" / "templates" / "opinion.docx"


def font(run_or_style, east_asia: str, size: float, bold: bool = False):
    f = run_or_style.font
    f.size, f.bold = Pt(size), bold
    f.name = "Times New Roman"
    rpr = run_or_style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def para(doc, text="", size=12, bold=False, align=None, east_asia="宋体", indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    font(p.add_run(text), east_asia, size, bold)
    return p


def heading(doc, text):
    return para(doc, text, size=14, bold=True, east_asia="黑体", indent=False)


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    font(normal, "宋体", 12)
    normal.paragraph_format.line_spacing = Pt(24)

    para(doc, "{{ agency }}", 16, True, WD_ALIGN_PARAGRAPH.CENTER, "宋体")
    para(doc, "{{ title }}", 22, True, WD_ALIGN_PARAGRAPH.CENTER, "黑体")
    para(doc, "编号：{{ number or '＿＿＿＿＿＿（由本机关编号）' }}", 10.5, False, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "案号：{{ case_id }}", indent=False)
    para(doc, "案由：{{ case_name }}", indent=False)
    para(doc, "承办机构：{{ agency }}　　送审日期：{{ submitted_on }}", indent=False)
    para(doc, "{%p for p in parties %}", indent=False)
    para(doc, "当事人：{{ p.name }}（证件号码：{{ p.id_number }}{% if p.address %}；住所：{{ p.address }}{% endif %}"
              "{% if p.representative %}；{{ p.representative }}{% endif %}）", indent=False)
    para(doc, "{%p endfor %}", indent=False)

    heading(doc, "一、拟作出的决定")
    para(doc, "拟{{ outcome }}{% if penalties %}：{{ penalties | join('；') }}{% endif %}。")
    para(doc, "违法依据：{{ violated | join('；') or '（未载明）' }}")
    para(doc, "处罚依据：{{ penalty_basis | join('；') or '（未载明）' }}")
    para(doc, "{%p if general %}", indent=False)
    para(doc, "同时引用：{{ general | join('；') }}")
    para(doc, "{%p endif %}", indent=False)

    heading(doc, "二、送审材料")
    para(doc, "文书：{{ documents | join('、') or '（未提交文书目录）' }}")
    para(doc, "证据：{{ evidence | join('、') or '（未提交证据目录）' }}")
    para(doc, "承办机构认定的事实：{{ facts_text }}")

    heading(doc, "三、审核情况")
    para(doc, "本机构于{{ as_of }}对送审材料进行了审核。本案{{ major }}重大执法决定：{{ major_reason }}。")
    para(doc, "{%p for row in rows %}", indent=False)
    para(doc, "（{{ loop.index }}）{{ row.label }}：{{ row.status }}。", bold=True)
    para(doc, "{%p if row.findings %}", indent=False)
    para(doc, "{%p for f in row.findings %}", indent=False)
    para(doc, "[{{ f.kind }}] {{ f.message }}。依据：{{ f.basis }}。建议：{{ f.suggestion }}")
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{%p else %}", indent=False)
    para(doc, "经审核无异议。")
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{%p endfor %}", indent=False)

    heading(doc, "四、审核结论")
    para(doc, "{{ conclusion }}。", bold=True)
    para(doc, "{%p if corrections %}", indent=False)
    para(doc, "需要纠正或补充的事项：")
    para(doc, "{%p for c in corrections %}", indent=False)
    para(doc, "{{ loop.index }}. {{ c.text }}（{{ c.kind }}；依据：{{ c.basis }}）")
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{%p for h in hints %}", indent=False)
    para(doc, "提示：{{ h }}")
    para(doc, "{%p endfor %}", indent=False)

    heading(doc, "五、审核依据")
    para(doc, "{%p for b in bases %}", indent=False)
    para(doc, "{{ b }}")
    para(doc, "{%p endfor %}", indent=False)

    heading(doc, "六、签署")
    para(doc, "{%p for r in reviewers %}", indent=False)
    para(doc, "审核人员：{{ r.name }}　　执法证号：{{ r.cert_no }}", indent=False)
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "审核机构负责人：", indent=False)
    para(doc, "{{ agency }}（印章）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "{{ as_of }}", align=WD_ALIGN_PARAGRAPH.RIGHT)

    doc.add_page_break()
    heading(doc, "附：问题在案卷中的位置")
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "问题", "审核事项", "在案卷中的位置")):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for a in appendix %}"
    for cell, text in zip(table.rows[2].cells, ("{{ a.n }}", "{{ a.title }}", "{{ a.item }}", "{{ a.where }}")):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    para(doc, "技术信息（非意见书正文）：{{ technical }}", 8, False, indent=False)
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(1.3), Cm(2.2), Cm(3.0), Cm(9.1))):
            cell.width = width
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
