"""Build review_assistant/templates/opinion.docx, the Word template of the review opinion (docxtpl / jinja2 tags).

    python scripts/make_docx_template.py

A legal office edits the resulting .docx in Word or WPS (letterhead, wording, fonts) and passes its folder with
``--templates DIR``; this script only makes the bundled starting point.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
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
    p = para(doc, text, size=14, bold=True, east_asia="黑体", indent=False)
    p.paragraph_format.keep_with_next = True  # a heading never ends a page
    return p


def keep(*paragraphs):
    """One block on one page: each paragraph whole (keep-together) and with the next (keep-with-next), the last
    only whole."""
    for i, p in enumerate(paragraphs):
        p.paragraph_format.keep_together = True
        p.paragraph_format.keep_with_next = i < len(paragraphs) - 1


def field(paragraph, instr: str, size: float):
    """A Word field (PAGE, NUMPAGES) that Word, WPS and LibreOffice fill in when laying out the pages."""
    for kind, text in (("begin", None), (None, f" {instr} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        font(run, "宋体", size)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def page_footer(section):
    """第 X 页 共 Y 页, centred at the foot of every page."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, instr in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        font(p.add_run(text), "宋体", 10.5)
        if instr:
            field(p, instr, 10.5)


def row_props(row, header: bool = False):
    """A table row never split across two pages; the header row repeated at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def main():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    font(normal, "宋体", 12)
    normal.paragraph_format.line_spacing = Pt(24)
    normal.paragraph_format.widow_control = True
    page_footer(section)

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
    para(doc, "（{{ loop.index }}）{{ row.label }}：{{ row.status }}。", bold=True).paragraph_format.keep_with_next = True
    para(doc, "{%p if row.findings %}", indent=False)
    para(doc, "{%p for f in row.findings %}", indent=False)
    para(doc, "问题{{ f.n }} [{{ f.kind }}] {{ f.message }}。依据：{{ f.basis }}。建议：{{ f.suggestion }}")
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
    para(doc, "{{ loop.index }}. {{ c.text }}（{{ c.kind }}；{{ c.problems }}；依据：{{ c.basis }}）")
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{%p for h in hints %}", indent=False)
    para(doc, "提示：{{ h }}")
    para(doc, "{%p endfor %}", indent=False)

    # 审核依据 goes with the signature block: the signature page never stands alone without a line of the text
    bases = [heading(doc, "五、审核依据"), para(doc, "{%p for b in bases %}", indent=False), para(doc, "{{ b }}"),
             para(doc, "{%p endfor %}", indent=False)]

    # the signature block on one page with its heading: nothing of it left alone at the top of the next page
    sign = [heading(doc, "六、签署"), para(doc, "{%p for r in reviewers %}", indent=False),
            para(doc, "审核人员：{{ r.name }}　　执法证号：{{ r.cert_no }}", indent=False),
            para(doc, "{%p endfor %}", indent=False), para(doc, "审核机构负责人：", indent=False),
            para(doc, "{{ agency }}（印章）", align=WD_ALIGN_PARAGRAPH.RIGHT), para(doc, "{{ as_of }}", align=WD_ALIGN_PARAGRAPH.RIGHT)]
    keep(*bases, *sign)

    para(doc, "{%p if appendix %}", indent=False)
    appendix = heading(doc, "附：问题在案卷中的位置")
    appendix.paragraph_format.page_break_before = True
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "问题", "审核事项", "在案卷中的位置")):
        cell.text = text
        cell.paragraphs[0].runs[0].font.bold = True
    table.rows[1].cells[0].text = "{%tr for a in appendix %}"
    for cell, text in zip(table.rows[2].cells, ("{{ a.n }}", "{{ a.title }}", "{{ a.item }}", "{{ a.where }}")):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    row_props(table.rows[0], header=True)
    row_props(table.rows[2])
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:  # table text single-spaced, not the body's 24 pt lines
                p.paragraph_format.line_spacing = 1.0
                p.paragraph_format.first_line_indent = Pt(0)
                for r in p.runs:
                    font(r, "宋体", 10.5, bool(r.font.bold))
    para(doc, "{%p endif %}", indent=False)
    # the review number and versions are no part of the signed text: opinion.py writes them into the document's
    # properties (文件 → 属性 → 备注), where the record can be found from the file
    table.autofit = False  # w:tblLayout fixed: the widths below hold
    widths = (Cm(1.3), Cm(4.2), Cm(3.0), Cm(7.1))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):  # LibreOffice and WPS read the grid
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
