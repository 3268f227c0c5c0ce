"""Text people type is cleaned where it enters: every text field of the portal's forms is
a `CleanCharField` (pzss.lib.forms), whether declared, built from a model or added when
the form is made."""

import importlib
import inspect
import pkgutil

from django import forms

PACKAGES = ["pzss", "programme", "support", "training", "research", "outreach"]


def _form_modules():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            if info.name.rsplit(".", 1)[-1] in {"forms", "public_forms"}:
                yield importlib.import_module(info.name)


def _portal_forms():
    for module in _form_modules():
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                yield obj


def _bare_text_fields(fields) -> list[str]:
    # An e-mail, URL or other typed field cleans its own format; plain text is the risk.
    return [name for name, field in fields.items() if type(field) is forms.CharField]


def test_every_text_field_of_the_portals_forms_cleans_the_text():
    found, bare = 0, []
    for form in _portal_forms():
        found += 1
        bare += [
            f"{form.__module__}.{form.__name__}.{n}" for n in _bare_text_fields(form.base_fields)
        ]
        try:
            instance = form()
        except TypeError:
            continue  # needs arguments; its declared fields are checked above
        bare += [
            f"{form.__module__}.{form.__name__}.{n}" for n in _bare_text_fields(instance.fields)
        ]
    assert found > 10
    assert not bare, bare
