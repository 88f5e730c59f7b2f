"""Every form's select draws what WTForms' own Select draws, only with less work per option."""

import importlib
import pkgutil

import pytest
import wtforms
from wtforms import Form, SelectChoice
from wtforms.validators import InputRequired

import intranet
from intranet.forms import LeanSelect, SelectField

CHOICES = [
    SelectChoice("", "Any free seat"),
    SelectChoice("7", "Seat 7 – free"),
    SelectChoice("8", 'A <b>"quoted"</b> & bold seat'),
    SelectChoice("9 & 10", ""),  # no label: the value is shown
    SelectChoice(True, "Yes"),
    SelectChoice("11", "Disabled", render_kw={"disabled": True, "data-note": "x"}),
]


def _pair(**options):
    """Two forms alike but for the widget: ours and WTForms' stock Select."""

    class Ours(Form):
        pick = SelectField("Pick", **options)

    class Stock(Form):
        pick = wtforms.SelectField("Pick", widget=wtforms.widgets.Select(), **options)  # noqa: TID251

    return Ours, Stock


@pytest.mark.parametrize("chosen", ["", "7", "8", "9 & 10", "True"])
def test_options_are_drawn_exactly_as_wtforms_draws_them(chosen):
    ours, stock = _pair(choices=CHOICES, validators=[InputRequired()])
    data = {"pick": chosen}
    mine, theirs = ours(data=data).pick, stock(data=data).pick
    assert isinstance(mine.widget, LeanSelect)
    assert mine() == theirs()
    assert mine(class_="form-select", data_free="{seat} – free") == theirs(
        class_="form-select", data_free="{seat} – free"
    )
    assert "&lt;b&gt;&#34;quoted&#34;&lt;/b&gt; &amp; bold seat" in mine()
    assert " required" in mine()
    assert mine().count("<option selected ") == 1


def test_groups_and_multiple_selects_keep_wtforms_drawing():
    groups = [
        SelectChoice("1", "One & two", optgroup="Centre"),
        SelectChoice("2", "Two", optgroup="Branch"),
    ]
    ours, stock = _pair(choices=groups)
    assert ours(data={"pick": "2"}).pick() == stock(data={"pick": "2"}).pick()
    many = LeanSelect(multiple=True)
    field = wtforms.SelectMultipleField(choices=CHOICES[1:3]).bind(Form(), "many")
    field.process(None, ["7", "8"])
    assert many(field) == wtforms.widgets.Select(multiple=True)(field)


def test_every_form_of_the_intranet_uses_the_lean_select(app):
    """A form module importing WTForms' SelectField again would draw its options the slow way."""
    stock = wtforms.SelectField  # noqa: TID251 - what no form module may hold
    with app.test_request_context():
        for module in pkgutil.walk_packages(intranet.__path__, "intranet."):
            if "form" in module.name:
                loaded = importlib.import_module(module.name)
                held = [name for name in dir(loaded) if getattr(loaded, name) is stock]
                assert held == [], f"{module.name} uses WTForms' SelectField"
