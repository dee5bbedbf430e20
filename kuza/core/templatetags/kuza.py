from django import template
from django.utils.html import format_html

from kuza.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter
def label_own_direction(field) -> str:
    """The field's <label> with dir="auto": a label written in another script than the page
    (an English survey question on an Arabic page) keeps its own direction and punctuation."""
    return field.label_tag(attrs={"dir": "auto"})


@register.filter
def bdi(value) -> str:
    """`{{ campaign.hashtag|bdi }}`: user or wiki content isolated in <bdi>, so inside a sentence
    of the other direction it keeps its own ("#SheSaid", not "SheSaid#", on Arabic pages).
    Works inside `{% blocktranslate with tag=campaign.hashtag|bdi %}` without changing the msgid."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)
