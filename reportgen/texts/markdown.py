"""The Markdown stage of a text: CommonMark without raw HTML, plus the report's conventions
(subheadings, quotes with their source, text boxes, footnotes, safe links, references)."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .run import _HEADING_REF_KINDS, _QUOTE_SOURCE, _REF_RE, _SLOT_RE, _Run, _Slot

# ------------------------------------------------------------------------- Markdown stage


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    """`^[text]` -> voetnoot_open, inline tokens, voetnoot_close."""
    pos = state.pos
    if state.src[pos] != "^" or pos + 1 >= state.posMax or state.src[pos + 1] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, pos + 1)
    if end < 0:
        return False
    if not silent:
        old_max = state.posMax
        state.pos = pos + 2
        state.posMax = end
        token = state.push("voetnoot_open", "span", 1)
        token.attrs = {"class": "voetnoot"}
        state.md.inline.tokenize(state)
        state.push("voetnoot_close", "span", -1)
        state.posMax = old_max
    state.pos = end + 1
    return True


_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _conventions_rule(state: Any) -> None:
    """Core rule: quotes, links, images; collects notes for problems in env."""
    tokens: list[Token] = state.tokens
    env = state.env
    notes: list[tuple[str, str]] = env.setdefault("notes", [])
    md = state.md
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            token.attrSet("class", "citaat")
            if token.level == 0:
                env["citaten"] = env.get("citaten", 0) + 1
            close = next(
                j
                for j in range(i + 1, len(tokens))
                if tokens[j].type == "blockquote_close" and tokens[j].level == token.level
            )
            paragraphs = [
                j
                for j in range(i + 1, close)
                if tokens[j].type == "paragraph_open" and tokens[j].level == token.level + 1
            ]
            if paragraphs:
                last = paragraphs[-1]
                content = tokens[last + 1].content.lstrip()
                if content.startswith(_QUOTE_SOURCE):
                    tokens[last].attrSet("class", "citaat-bron")
                    continue
            notes.append(("citaat", "".join(tokens[j].content for j in range(i, close))[:60]))
        elif token.type == "inline" and token.children:
            children: list[Token] = []
            stack: list[str | None] = []
            for child in token.children:
                if child.type == "image":
                    alt = child.content
                    notes.append(("afbeelding", str(child.attrs.get("src", ""))))
                    if alt:
                        text = Token("text", "", 0)
                        text.content = alt
                        children.append(text)
                    continue
                if child.type == "link_open":
                    href = str(child.attrs.get("href", ""))
                    if href.lower().startswith(_ALLOWED_SCHEMES):
                        stack.append(href)
                        children.append(child)
                    else:
                        stack.append(None)
                        notes.append(("link", href))
                    continue
                if child.type == "link_close":
                    href = stack.pop() if stack else None
                    if href is None:
                        continue
                    children.append(child)
                    shown = md.normalizeLinkText(href)
                    if shown.lower().startswith("mailto:"):
                        shown = shown[len("mailto:") :]
                    label = _inline_text(children, child)
                    if label.strip() not in (shown, md.normalizeLinkText(href)):
                        text = Token("text", "", 0)
                        text.content = f" ({shown})"
                        children.append(text)
                    continue
                children.append(child)
            token.children = children


def _inline_text(children: list[Token], close: Token) -> str:
    """Plain text between the last link_open and `close` (already appended)."""
    parts: list[str] = []
    for child in reversed(children[:-1]):
        if child.type == "link_open":
            break
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
    return "".join(reversed(parts))


def _slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kop"


_TAG_RE = re.compile(r"<[^>]+>")


def _plain(html_text: str, slots: list[_Slot]) -> str:
    html_text = _SLOT_RE.sub(lambda m: html.escape(slots[int(m.group(1))].text), html_text)
    return html.unescape(_TAG_RE.sub("", html_text))


def _make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.inline.ruler.before("link", "voetnoot", _footnote_rule)
    md.core.ruler.push("conventies", _conventions_rule)

    def heading_open(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        token = tokens[idx]
        level = int(token.tag[1:])
        inline = tokens[idx + 1]
        title = _plain(self.renderInline(inline.children or [], options, env), env["slots"])
        slug = f"{env['key']}-{_slugify(title)}"
        used: dict[str, int] = env.setdefault("ids", {})
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        tag = "h4" if level <= 2 else "h5"
        return f'<{tag} class="tussenkop" id="{html.escape(slug)}">'

    def heading_close(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        level = int(tokens[idx].tag[1:])
        return "</h4>\n" if level <= 2 else "</h5>\n"

    default_fence = md.renderer.rules["fence"]

    def fence(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
        token = tokens[idx]
        info = token.info.strip()
        word, _, title = info.partition(" ")
        if word != "kader":
            return default_fence(tokens, idx, options, env)
        if token.level == 0:
            env["kaders"] = env.get("kaders", 0) + 1
        inner = md.render(token.content, env)
        head = f"<h4>{md.renderInline(title.strip(), env)}</h4>\n" if title.strip() else ""
        return f'<aside class="kader">\n{head}{inner}</aside>\n'

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    md.add_render_rule("fence", fence)
    return md


def _find_line(source: str, needle: str) -> int | None:
    if not needle:
        return None
    for number, text in enumerate(source.splitlines(), start=1):
        if needle in text:
            return number
    return None


def _render_markdown(md: MarkdownIt, run: _Run, text: str, known_refs: set[str]) -> str:
    """Markdown (placeholders already rendered, values in slots) -> HTML."""

    def protect(match: re.Match[str]) -> str:
        kind, key = match.group(1).lower(), match.group(2)
        if kind not in _HEADING_REF_KINDS and f"{kind}:{key}" not in known_refs:
            run.problem(
                f"verwijzing naar een onbekende {kind}; bekende sleutels: "
                + ", ".join(sorted(k.split(":", 1)[1] for k in known_refs if k.startswith(kind))),
                line=_find_line(run.text.source, match.group(0)),
                value=match.group(0),
            )
        return run.slot(match.group(0), match.group(0))

    text = _REF_RE.sub(protect, text)
    env: dict[str, Any] = {"key": run.text.key, "slots": run.slots}
    out = md.render(text, env)
    source = run.text.source
    for kind, detail in env.get("notes", []):
        if kind == "afbeelding":
            run.problem(
                "afbeeldingen worden niet in het rapport opgenomen; alleen de alt-tekst blijft "
                "staan",
                line=_find_line(source, detail) or _find_line(source, "!["),
                value=detail or None,
                severity="warning",
            )
        elif kind == "link":
            run.problem(
                "links mogen alleen naar http(s)- of mailto-adressen verwijzen; de link is als "
                "gewone tekst opgenomen",
                line=_find_line(source, detail),
                value=detail or None,
                severity="warning",
            )
        elif kind == "citaat":
            run.problem(
                "een citaat eindigt met een alinea die begint met '— ' en de (fictieve) persoon "
                "en de instelling noemt",
                line=_find_line(source, ">"),
                value=None,
                severity="warning",
            )
    if env.get("citaten", 0) > 1:
        run.problem(
            "hooguit één citaat per sectie", value=str(env["citaten"]), severity="warning"
        )
    if env.get("kaders", 0) > 1:
        run.problem(
            "hooguit één tekstkader per sectie", value=str(env["kaders"]), severity="warning"
        )
    # Swap the slots back in; a slot may itself contain slots (e.g. "a" ~ missing).
    for _ in range(10):
        out, count = _SLOT_RE.subn(lambda m: run.slots[int(m.group(1))].html, out)
        if not count:
            break
    return out
