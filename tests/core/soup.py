"""Forms through the rendered page (pretix's SoupTest): GET a page, find the form that is
really there, fill in its fields as a browser would, POST it back."""

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def find_form(page: BeautifulSoup, *, action: str | None = None, containing: str | None = None):
    """The form whose action is `action` and/or that has a field named `containing`; with
    neither, the page's own POST form (the one without an action)."""
    for form in page.find_all("form"):
        if action is not None and form.get("action", "") != action:
            continue
        # The site's search box in every page's header is no page's own form.
        if action is None and form.find_parent("header", class_="site-header"):
            continue
        own_form = not form.get("action") and form.get("method", "get").lower() == "post"
        if action is None and containing is None and not own_form:
            continue
        if containing and form.find(attrs={"name": containing}) is None:
            continue
        return form
    raise AssertionError(f"no form (action={action!r}, field={containing!r}) on the page")


def form_fields(form) -> dict:
    """What the browser would send before the user changes anything: {name: value or list}.
    Multiple selects give lists; unchecked boxes and file inputs are left out."""
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = field.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
        elif field.name == "textarea":
            data[name] = field.text.lstrip("\n")
        else:
            options = [o for o in field.find_all("option") if not o.has_attr("disabled")]
            chosen = [o.get("value", o.text) for o in options if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            elif options:
                data[name] = options[0].get("value", options[0].text)
    return data


def field_names(form) -> set[str]:
    return {f.get("name") for f in form.find_all(["input", "select", "textarea"]) if f.get("name")}


def fill(form, values: dict, *, submit: str | None = None) -> dict:
    """The form's current values with `values` typed in. Every name typed in must be a
    field of the form, so a test cannot post a field the page does not have."""
    data = form_fields(form)
    names = field_names(form)
    unknown = set(values) - names
    assert not unknown, f"the form has no fields {sorted(unknown)}; it has {sorted(names)}"
    for name, value in values.items():
        if value is False or value is None:
            data.pop(name, None)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    if submit:
        button = form.find(attrs={"name": submit})
        assert button is not None, f"no submit button {submit!r}"
        data[submit] = button.get("value", "")
    return data


def option_value(form, name: str, label: str) -> str:
    """The value of the option of `name` whose text is `label`."""
    select = form.find(attrs={"name": name})
    for option in select.find_all("option"):
        if option.text.strip() == label:
            return option["value"]
    raise AssertionError(f"no option {label!r} in {name}")


def field_errors(page: BeautifulSoup, name: str) -> list[str]:
    """The error messages shown next to the field `name` (crispy's invalid-feedback)."""
    field = page.find(attrs={"name": name})
    assert field is not None, f"no field {name} on the page"
    wrapper = field.find_parent(class_="mb-3") or field.parent
    return [e.get_text(" ", strip=True) for e in wrapper.select(".invalid-feedback")]


def messages_on(page: BeautifulSoup) -> list[str]:
    return [m.get_text(" ", strip=True) for m in page.select(".messages .alert")]


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def cyrillic_choices(page: BeautifulSoup) -> list[str]:
    """The options of selects and the labels of checkboxes and radio buttons in the page's
    forms that are still in Cyrillic (a Latin reader should see none)."""
    texts = [o.get_text(" ", strip=True) for o in page.select("form option")]
    for box in page.select("form input[type=checkbox], form input[type=radio]"):
        label = page.find("label", attrs={"for": box.get("id")}) if box.get("id") else None
        label = label or box.find_parent("label")
        if label:
            texts.append(label.get_text(" ", strip=True))
    return [t for t in texts if _has_cyrillic(t)]
