"""The optional libraries pictures need, imported only when a picture is asked for.

``import cascade`` and ``import cascade.plot`` never import matplotlib or plotly: a service
that only checks workbooks does not pay for them, and an install without the ``plot`` extra
gets a clear :class:`MissingDependencyError` naming the extra when it asks for a picture.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from cascade.errors import CascadeError

__all__ = ["EXTRA", "MissingDependencyError", "require"]

#: The pip command that installs what :mod:`cascade.plot` needs.
EXTRA = "pip install 'cascade-sakip[plot]'"


class MissingDependencyError(CascadeError, ImportError):
    """A picture needs a library that is not installed (install the ``plot`` extra)."""


def require(module: str, feature: str, *, install: str = EXTRA) -> ModuleType:
    """Import ``module`` for ``feature``, or raise :class:`MissingDependencyError`.

    Parameters
    ----------
    module
        The module to import (``matplotlib``, ``plotly``).
    feature
        What needs it, for the message (``cascade.plot.tree``).
    install
        The command that installs it.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f"{feature} needs {module}, which is not installed: {install}"
        raise MissingDependencyError(msg) from exc
