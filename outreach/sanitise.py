"""The body of a news item: a small safe subset of HTML, cleaned by nh3 (the Ammonia
sanitiser) when it is saved, with a plain account of what was taken out so the editor is
told (a body is never silently changed)."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _

ALLOWED_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "em", "strong", "b", "i", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content goes with them: a script's code or a frame's fallback is not text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)
_BLOCK = re.compile(r"<\s*(p|h[2-4]|ul|ol|li|blockquote|br)\b", re.IGNORECASE)
# Control characters and blanks a browser drops from a URL before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class Sanitised:
    html: str
    removed_tags: list[str] = field(default_factory=list)
    event_handlers: bool = False
    javascript_links: bool = False
    other_links: list[str] = field(default_factory=list)
    other_attributes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.removed_tags
            or self.event_handlers
            or self.javascript_links
            or self.other_links
            or self.other_attributes
        )

    def removed_summary(self) -> str:
        """What was taken out, in the reader's language: "script, iframe, event handler
        attributes, a javascript: link"."""
        parts = [f"<{tag}>" for tag in self.removed_tags]
        if self.event_handlers:
            parts.append(_("event handler attributes (onclick, onload, …)"))
        if self.javascript_links:
            parts.append(_("javascript: links"))
        if self.other_links:
            parts.append(
                _("links of a kind not allowed (%(schemes)s)")
                % {"schemes": ", ".join(f"{s}:" for s in self.other_links)}
            )
        if self.other_attributes:
            parts.append(
                _("formatting attributes (%(names)s)") % {"names": ", ".join(self.other_attributes)}
            )
        return ", ".join(parts)


class _Inspector(HTMLParser):
    """Reads the body as a browser would and notes what the sanitiser is going to drop."""

    def __init__(self, result: Sanitised):
        super().__init__(convert_charrefs=True)
        self.result = result

    def _note_tag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS and tag not in self.result.removed_tags:
            self.result.removed_tags.append(tag)

    def handle_starttag(self, tag, attrs):
        self._note_tag(tag)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.result.event_handlers = True
            elif name == "href" and tag == "a":
                scheme = _scheme(value or "")
                if scheme == "javascript":
                    self.result.javascript_links = True
                elif scheme and scheme not in URL_SCHEMES and scheme not in self.result.other_links:
                    self.result.other_links.append(scheme)
            elif name not in allowed and name not in self.result.other_attributes:
                self.result.other_attributes.append(name)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _scheme(url: str) -> str:
    url = _URL_NOISE.sub("", html.unescape(url))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else ""


def plain_text_as_html(text: str) -> str:
    """Text typed without markup: paragraphs at blank lines, line breaks kept."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "\n".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def sanitise(body: str) -> Sanitised:
    """The body as it may be stored and shown, and what was removed from it."""
    body = body or ""
    if "<" not in body:
        return Sanitised(html=plain_text_as_html(body))
    result = Sanitised(html="")
    inspector = _Inspector(result)
    inspector.feed(body)
    inspector.close()
    if not _BLOCK.search(body):
        # Markup, but no paragraphs: the line breaks the editor typed are the paragraphs.
        body = plain_text_as_html_keeping_tags(body)
    result.html = nh3.clean(
        body,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener",
        strip_comments=True,
    ).strip()
    return result


def plain_text_as_html_keeping_tags(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "\n".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)
