"""A reportlab canvas that writes a tagged PDF (PDF/UA's basics): the document language in
the catalogue, every piece of text in a marked-content sequence under a structure tree
(Document → H1 / P / Figure with alternative text), decoration marked as artifacts, and
MarkInfo saying so. Screen readers then read the certificate in order and in Dutch.

reportlab has no structure tree of its own; this adds one with its low-level objects."""

from contextlib import contextmanager

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)

from core.pdf import DocumentCanvas, PDFTrue


class TaggedCanvas(DocumentCanvas):
    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, lang=lang, **kwargs)
        self._elements: list[tuple[int, int, str, str | None]] = []  # page, MCID, role, alt text
        self._next_mcid = 0

    @contextmanager
    def tagged(self, role: str, alt: str | None = None):
        """Content drawn inside is one structure element of `role` (H1, P, Figure)."""
        mcid = self._next_mcid
        self._next_mcid += 1
        self._code.append(f"/{role} <</MCID {mcid}>> BDC")
        yield
        self._code.append("EMC")
        self._elements.append((self._pageNumber - 1, mcid, role, alt))

    @contextmanager
    def artifact(self):
        """Content drawn inside is decoration (frames, footers): screen readers skip it."""
        self._code.append("/Artifact BMC")
        yield
        self._code.append("EMC")

    def _setAnnotations(self, page):  # called once per page, as the page is made
        super()._setAnnotations(page)
        page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = self._pageNumber - 1
        page.Tabs = PDFName("S")
        self._next_mcid = 0

    def save(self):
        document = self._doc
        root, top = PDFObjectReference("DVStructTreeRoot"), PDFObjectReference("DVDocument")
        kids, parents = [], {}
        for index, (page, mcid, role, alt) in enumerate(self._elements):
            element = {"Type": PDFName("StructElem"), "S": PDFName(role), "P": top,
                       "Pg": PDFObjectReference(f"Page{page + 1}"), "K": mcid}
            if alt:
                element["Alt"] = PDFString(alt)
            reference = document.Reference(PDFDictionary(element), f"DVElement{index}")
            kids.append(reference)
            parents.setdefault(page, {})[mcid] = reference
        document.Reference(PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName("Document"), "P": root,
                                          "K": PDFArray(kids)}), "DVDocument")
        nums = []
        for page, by_mcid in sorted(parents.items()):
            nums += [page, PDFArray([by_mcid[mcid] for mcid in sorted(by_mcid)])]
        document.Reference(PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": top,
                                          "ParentTree": PDFDictionary({"Nums": PDFArray(nums)}),
                                          "ParentTreeNextKey": len(parents)}), "DVStructTreeRoot")
        catalog = document.Catalog
        catalog.StructTreeRoot = root
        catalog.MarkInfo = PDFDictionary({"Marked": PDFTrue()})
        super().save()
