"""Oscar's class loader, minus Oscar's haystack search app.

Oscar's default loader always imports ``oscar.apps.<label>.<module>`` as a fallback, and
``oscar.apps.search`` imports haystack at module level. Our ``search`` app replaces it whole,
so for the ``search`` label only our own modules are imported.
"""

from importlib import import_module

from oscar.core.loading import default_class_loader


def class_loader(module_label, classnames, module_prefix):
    if module_label.split(".")[0] == "search":
        module = import_module(module_label)
        return [getattr(module, name) for name in classnames]
    return default_class_loader(module_label, classnames, module_prefix)
