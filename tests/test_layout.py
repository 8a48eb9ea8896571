"""The layout rules docs/architecture.md states, checked so that they stay true."""

from pathlib import Path

import oscar

ROOT = Path(__file__).resolve().parent.parent
OSCAR_TEMPLATES = Path(oscar.__file__).parent / "templates" / "oscar"


def test_templates_under_oscar_are_overrides_of_oscar_templates():
    """``templates/oscar/`` holds only files Oscar ships (our versions of them); templates of
    our own live under ``templates/<app>/``."""
    ours = ROOT / "templates" / "oscar"
    not_overrides = sorted(
        str(path.relative_to(ours))
        for path in ours.rglob("*")
        if path.is_file() and not (OSCAR_TEMPLATES / path.relative_to(ours)).exists()
    )
    assert not_overrides == []


def test_no_top_level_package_outside_the_layers():
    """Every Python package at the top is one of the layers (or the tests)."""
    packages = sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").exists())
    assert packages == [
        "catalog",
        "cms",
        "config",
        "core",
        "search",
        "shop",
        "startups",
        "tests",
    ]
