"""Tagged PDF: complete the structure tree that WeasyPrint 70 writes (PDF/UA-1), with pikepdf.

WeasyPrint maps HTML elements to structure elements one to one (`weasyprint/pdf/tags.py`):
`h1`-`h6` -> H1-H6, `p` -> P, `ol`/`ul` -> L, `li` -> LI (+ LBody), `a` -> Link,
`table`/`tr`/`th`/`td` -> Table/TR/TH/TD, `nav` and unknown elements -> NonStruct. HTML ids
and classes do not reach the structure tree; what does survive, and is used here:

- **table headers**: WeasyPrint gives every TH an /ID and lists, on every TD, the ids of its
  header cells (/A /Headers). It reads the HTML `scope` attribute for that (a `scope="row"`
  header is listed on the data cells of its own row, any other header on the cells below
  it), but it writes no /Scope on the TH itself. `_set_table_scopes` recovers the scope from
  those references: /Row, /Column, or /Both. `_set_table_headers` then recomputes each TD's
  /Headers from the table grid, because WeasyPrint's are wrong in tables with spans.
- **table of contents**: a list becomes L/LI. Its links keep their target (the
  annotation's /Dest is the HTML id of the heading they point to). `toc_link_targets`
  collects the targets of the lists inside `<nav>` in the HTML; a list whose every item is
  nothing but links to such targets is retagged TOC/TOCI (its LBody becomes a Reference).
- **/IDTree**: WeasyPrint writes element ids (on TH) without the /IDTree that the PDF
  specification requires for them, so a reader cannot resolve a TD's /Headers; it is added.

Everything else (content streams, fonts, annotations, metadata, the XMP packet with the
PDF/UA identification) stays as WeasyPrint wrote it; qpdf writes the file anew. The result is deterministic: the first /ID entry
(the document's permanent identifier, from pdf.py) is kept and the second is derived from
the content.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import pikepdf
from pikepdf import Array, Dictionary, Name

log = logging.getLogger("reportgen.tagging")

LIST_TAGS = ("ol", "ul")


@dataclass
class Changes:
    """What `fix_structure` changed (for the log and the tests)."""

    scopes: dict[str, int]
    headers_changed: int
    toc_lists: int
    toc_items: int
    ids: int


# ------------------------------------------------------------------------------ HTML side


class _NavLinkCollector(HTMLParser):
    """Fragment targets (`#id`) of the links in lists inside `<nav>` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nav_depth = 0
        self.list_depth = 0
        self.targets: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self.nav_depth += 1
        elif tag in LIST_TAGS and self.nav_depth:
            self.list_depth += 1
        elif tag == "a" and self.list_depth:
            href = dict(attrs).get("href") or ""
            if href.startswith("#") and len(href) > 1:
                self.targets.add(href[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1
        elif tag in LIST_TAGS and self.list_depth:
            self.list_depth -= 1


def toc_link_targets(html: str) -> frozenset[str]:
    """The ids that the table of contents links to: the `href="#..."` of links in a list
    (`ol`/`ul`) inside a `<nav>` element."""
    collector = _NavLinkCollector()
    collector.feed(html)
    collector.close()
    return frozenset(collector.targets)


# ------------------------------------------------------------------------------ PDF side


def _kids(node: Dictionary) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_struct_element(node) -> bool:
    return isinstance(node, Dictionary) and "/S" in node and node.get("/Type") not in (
        Name.MCR, Name.OBJR)


def _walk(root: Dictionary) -> Iterator[Dictionary]:
    """Every structure element below `root`, depth first in document order."""
    stack = list(reversed([k for k in _kids(root) if _is_struct_element(k)]))
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        key = node.objgen
        if key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        yield node
        stack.extend(reversed([k for k in _kids(node) if _is_struct_element(k)]))


def _role(node: Dictionary) -> str:
    return str(node.get("/S", ""))


def _table_attribute(node: Dictionary, key: str):
    """`key` from the element's attribute dictionaries (None when absent)."""
    attrs = node.get("/A")
    for candidate in (list(attrs) if isinstance(attrs, Array) else [attrs]):
        if isinstance(candidate, Dictionary) and key in candidate:
            return candidate[key]
    return None


def _set_table_attribute(node: Dictionary, key: str, value) -> None:
    """Set `key` in the element's attribute dictionary with /O /Table (added if missing)."""
    attrs = node.get("/A")
    candidates = list(attrs) if isinstance(attrs, Array) else [attrs]
    for candidate in candidates:
        if isinstance(candidate, Dictionary) and candidate.get("/O") == Name.Table:
            candidate[key] = value
            return
    table_attrs = Dictionary({"/O": Name.Table, key: value})
    if attrs is None:
        node.A = table_attrs
    elif isinstance(attrs, Array):
        attrs.append(table_attrs)
    else:
        node.A = Array([attrs, table_attrs])


def _header_ids(cell: Dictionary) -> list[str]:
    headers = _table_attribute(cell, "/Headers")
    return [str(h) for h in headers] if isinstance(headers, Array) else []


def _parent_key(node: Dictionary) -> tuple[int, int] | None:
    parent = node.get("/P")
    return parent.objgen if isinstance(parent, Dictionary) else None


def _set_table_scopes(elements: list[Dictionary]) -> dict[str, int]:
    """Give every TH a /Scope (in its /A << /O /Table >> attributes).

    Evidence comes from the data cells that list the header in /Headers (as WeasyPrint
    derived them from the HTML `scope`): referenced from its own row (or, through a
    rowspan, from a row above) -> /Row; referenced from a row below -> /Column; both ->
    /Both. A header no data cell refers to (the heading above a column of row headers)
    is a /Column header when it stands in the table head or in a row of header cells only,
    else a /Row header."""
    order = {e.objgen: i for i, e in enumerate(elements)}
    rows_referencing: dict[str, set[tuple[int, int]]] = {}
    rows_with_data: set[tuple[int, int]] = set()
    for element in elements:
        if _role(element) != "/TD":
            continue
        row = _parent_key(element)
        if row is None:
            continue
        rows_with_data.add(row)
        for header_id in _header_ids(element):
            rows_referencing.setdefault(header_id, set()).add(row)

    counts = {"Row": 0, "Column": 0, "Both": 0}
    for element in elements:
        if _role(element) != "/TH":
            continue
        row = _parent_key(element)
        row_pos = order.get(row, -1) if row else -1
        refs = rows_referencing.get(str(element.get("/ID", "")), set()) if "/ID" in element \
            else set()
        as_row = any(order.get(r, -1) <= row_pos for r in refs)
        as_column = any(order.get(r, -1) > row_pos for r in refs)
        if as_row and as_column:
            scope = "Both"
        elif as_row:
            scope = "Row"
        elif as_column:
            scope = "Column"
        else:
            parent = element.get("/P")
            grandparent = parent.get("/P") if isinstance(parent, Dictionary) else None
            in_head = isinstance(grandparent, Dictionary) and _role(grandparent) == "/THead"
            scope = "Column" if in_head or row not in rows_with_data else "Row"
        _set_table_attribute(element, "/Scope", Name("/" + scope))
        counts[scope] += 1
    return counts


def _span(cell: Dictionary, key: str) -> int:
    value = _table_attribute(cell, key)
    return max(1, int(value)) if isinstance(value, int) else 1


def _table_grid(table: Dictionary) -> list[tuple[Dictionary, int, int, int, int]]:
    """(cell, row, column, rowspan, colspan) of every TH/TD of `table`, its rows taken
    through THead/TBody/TFoot (the HTML table model: a cell skips the slots that cells
    spanning down from the rows above occupy)."""
    rows: list[Dictionary] = []
    for kid in _kids(table):
        if not _is_struct_element(kid):
            continue
        if _role(kid) == "/TR":
            rows.append(kid)
        elif _role(kid) in ("/THead", "/TBody", "/TFoot"):
            rows.extend(r for r in _kids(kid) if _is_struct_element(r) and _role(r) == "/TR")
    occupied: set[tuple[int, int]] = set()
    grid = []
    for r, row in enumerate(rows):
        c = 0
        for cell in _kids(row):
            if not (_is_struct_element(cell) and _role(cell) in ("/TH", "/TD")):
                continue
            while (r, c) in occupied:
                c += 1
            rowspan, colspan = _span(cell, "/RowSpan"), _span(cell, "/ColSpan")
            occupied.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            grid.append((cell, r, c, rowspan, colspan))
            c += colspan
    return grid


def _set_table_headers(elements: list[Dictionary]) -> int:
    """Recompute every TD's /Headers from the table grid and the header scopes: the row
    headers to its left in its row(s), then the column headers above it in its column(s).

    WeasyPrint 70 numbers columns without accounting for a cell that spans rows, and links
    a header spanning columns to the first of them only; in a table with rowspan/colspan
    (the themamatrix) its /Headers name the wrong header cells. For a table without
    spans the result is what WeasyPrint wrote. Returns the number of TDs whose headers
    changed."""
    changed = 0
    for table in (e for e in elements if _role(e) == "/Table"):
        grid = _table_grid(table)
        headers = [(cell, r, c, rs, cs, str(_table_attribute(cell, "/Scope")))
                   for cell, r, c, rs, cs in grid
                   if _role(cell) == "/TH" and "/ID" in cell]
        for cell, r, c, rs, cs in grid:
            if _role(cell) != "/TD":
                continue
            rows, cols = range(r, r + rs), range(c, c + cs)
            by_row = sorted((hc, hr, h) for h, hr, hc, hrs, hcs, scope in headers
                            if scope in ("/Row", "/Both") and hc + hcs <= c
                            and any(x in rows for x in range(hr, hr + hrs)))
            by_column = sorted((hr, hc, h) for h, hr, hc, hrs, hcs, scope in headers
                               if scope in ("/Column", "/Both") and hr + hrs <= r
                               and any(x in cols for x in range(hc, hc + hcs)))
            ids = [str(h.ID) for *_, h in by_row] + [str(h.ID) for *_, h in by_column]
            if ids != _header_ids(cell):
                changed += 1
            _set_table_attribute(cell, "/Headers", Array([pikepdf.String(i) for i in ids]))
    return changed


def _link_targets(link: Dictionary) -> list[str]:
    """Destinations (named) of the annotations a Link element refers to."""
    targets: list[str] = []
    for kid in _kids(link):
        if not (isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR):
            continue
        annotation = kid.get("/Obj")
        if not isinstance(annotation, Dictionary):
            continue
        dest = annotation.get("/Dest")
        action = annotation.get("/A")
        if dest is None and isinstance(action, Dictionary) and action.get("/S") == Name.GoTo:
            dest = action.get("/D")
        if isinstance(dest, (pikepdf.String, Name)):
            targets.append(str(dest).lstrip("/") if isinstance(dest, Name) else str(dest))
        else:
            targets.append("")  # an explicit destination or a URI: not a TOC link
    return targets


def _links_only(node: Dictionary) -> list[Dictionary] | None:
    """The Link elements that make up `node`'s content (a list marker, Lbl, aside), or None
    when some of its content (text, an image) lies outside a link."""
    links: list[Dictionary] = []
    for kid in _kids(node):
        if _is_struct_element(kid):
            if _role(kid) == "/Lbl":
                continue
            if _role(kid) == "/Link":
                links.append(kid)
                continue
            inner = _links_only(kid)
            if inner is None:
                return None
            links.extend(inner)
        elif not (isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR):
            return None  # marked content (an MCID or MCR) outside a link
    return links


def _is_toc_list(element: Dictionary, toc_targets: Collection[str]) -> bool:
    """A list whose every item is nothing but links into the table of contents' targets."""
    items = [k for k in _kids(element) if _is_struct_element(k) and _role(k) == "/LI"]
    if not items:
        return False
    for item in items:
        links = _links_only(item)
        if not links:
            return False
        targets = [t for link in links for t in _link_targets(link)]
        if not targets or not all(t in toc_targets for t in targets):
            return False
    return True


def _tag_toc(elements: list[Dictionary], toc_targets: Collection[str]) -> tuple[int, int]:
    """L -> TOC, LI -> TOCI, LBody -> Reference for the table of contents."""
    if not toc_targets:
        return 0, 0
    lists = [e for e in elements if _role(e) == "/L" and _is_toc_list(e, toc_targets)]
    items = 0
    for element in lists:
        element.S = Name.TOC
        for item in _kids(element):
            if _is_struct_element(item) and _role(item) == "/LI":
                item.S = Name.TOCI
                items += 1
                for body in _kids(item):
                    if _is_struct_element(body) and _role(body) == "/LBody":
                        body.S = Name.Reference
    return len(lists), items


def _add_id_tree(pdf: pikepdf.Pdf, struct_root: Dictionary,
                 elements: list[Dictionary]) -> int:
    """The /IDTree (name tree id -> element) for every element that carries an /ID."""
    with_id = [e for e in elements if "/ID" in e]
    if not with_id or "/IDTree" in struct_root:
        return 0
    tree = pikepdf.NameTree.new(pdf)
    for element in with_id:
        tree[str(element.ID)] = element
    struct_root.IDTree = tree.obj
    return len(with_id)


def fix_structure(pdf_bytes: bytes, toc_targets: Collection[str] = ()) -> bytes:
    """The PDF with its structure tree completed: a /Scope on every table header cell,
    /Headers of every data cell from the table grid, the table of contents (the lists
    made of links into `toc_targets`, see `toc_link_targets`) as TOC/TOCI, and the
    /IDTree. An untagged PDF is returned unchanged."""
    result, _ = fix_structure_with_changes(pdf_bytes, toc_targets)
    return result


def fix_structure_with_changes(pdf_bytes: bytes,
                               toc_targets: Collection[str] = ()) -> tuple[bytes, Changes]:
    """`fix_structure`, and what it changed."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        struct_root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(struct_root, Dictionary):
            return pdf_bytes, Changes({}, 0, 0, 0, 0)
        elements = list(_walk(struct_root))
        scopes = _set_table_scopes(elements)
        headers = _set_table_headers(elements)
        toc_lists, toc_items = _tag_toc(elements, frozenset(toc_targets))
        ids = _add_id_tree(pdf, struct_root, elements)
        out = io.BytesIO()
        # fix_metadata_version=False: the XMP packet (with pdfuaid:part) stays as written.
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    changes = Changes(scopes, headers, toc_lists, toc_items, ids)
    log.debug("structuurboom aangevuld: %s", changes)
    return out.getvalue(), changes
