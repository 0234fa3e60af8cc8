"""A thread's comments as HTML, one compiled fragment per comment.

Rendering comments through the template engine (an include and a dozen lookups each) was
most of a cold comments page's time. This builds the same markup with ``format_html``, which
escapes every value it puts in (``linebreaksbr`` escapes the body before adding its
``<br>``), so no reader's text can become markup.
"""

from django.template.defaultfilters import date, linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from commentdesk.core.services.threads import ThreadNode

COMMENT = """<li class="cd-comment cd-depth-{depth}" id="c{id}">
  <article aria-labelledby="c{id}-name" tabindex="-1">
    <header>
      <span class="cd-name" id="c{id}-name">{name}</span>
      <time datetime="{iso}">{shown}</time>
      {featured}
      {edited}
    </header>
    <p class="cd-body">{body}</p>
    <p class="cd-actions">
      <a class="cd-reply" href="?reply={id}&amp;lang={lang}#cd-form" data-comment="{id}">\
{reply}<span class="cd-vh"> ({name})</span></a>
      <a class="cd-report" href="?report={id}&amp;lang={lang}#cd-report-form" \
data-comment="{id}">{report}<span class="cd-vh"> ({name})</span></a>
    </p>
  </article>
  {replies}
</li>
"""
REPLIES = """
    <ol class="cd-replies">
      {items}
    </ol>
  """


def comments_html(nodes: list[ThreadNode], lang: str) -> SafeString:
    """The comments with their replies, labelled in the active language."""
    labels = {
        "featured": format_html('<span class="cd-featured">{}</span>', gettext("Editor's pick")),
        "edited": format_html(
            '<span class="cd-edited">{}</span>', gettext("edited by a moderator")
        ),
        "reply": gettext("Reply"),
        "report": gettext("Report"),
    }
    return mark_safe("".join(_comment(node, lang, labels) for node in nodes))  # noqa: S308


def _comment(node: ThreadNode, lang: str, labels: dict) -> str:
    comment = node.comment
    published = template_localtime(comment.published_at)
    replies = ""
    if node.replies:
        items = mark_safe("".join(_comment(reply, lang, labels) for reply in node.replies))  # noqa: S308
        replies = format_html(REPLIES, items=items)
    return format_html(
        COMMENT,
        depth=node.depth,
        id=comment.pk,
        name=comment.display_name,
        iso=date(published, "c"),
        shown=date(published, "Y-m-d H:i T"),
        featured=labels["featured"] if comment.featured else "",
        edited=labels["edited"] if comment.edited_by_moderator else "",
        body=linebreaksbr(comment.body),
        lang=lang,
        reply=labels["reply"],
        report=labels["report"],
        replies=replies,
    )
