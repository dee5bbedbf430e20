from django import forms
from django.template.loader import render_to_string


class ChoiceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Apple"), ("b", "Banana")], widget=forms.RadioSelect
    )
    name = forms.CharField(label="Name", help_text="Your name")


def test_choice_groups_are_fieldsets_with_a_legend_and_labelled_options():
    html = render_to_string("includes/form.html", {"form": ChoiceForm()})

    assert '<legend dir="auto">Kind *</legend>' in html
    assert '<label for="id_kind_0" dir="auto">Apple</label>' in html
    assert html.count("<fieldset") == html.count("</fieldset>") == 1
    assert '<label dir="auto" for="id_name">Name:</label>' in html
    assert 'id="id_name_helptext"' in html


def test_labels_keep_their_own_direction_on_a_right_to_left_page():
    """An English question on an Arabic page: its '?' must stay at the end of the question."""
    from django.utils import translation

    with translation.override("ar"):
        html = render_to_string("includes/form.html", {"form": ChoiceForm()})

    assert html.count('dir="auto"') == 5  # legend, two options, label, help text
