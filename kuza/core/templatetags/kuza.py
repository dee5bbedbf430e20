from django import template

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
