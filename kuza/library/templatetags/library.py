from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dictionary value by a variable key, or None."""
    return mapping.get(key) if mapping else None
