"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`). Everything is re-exported here by name."""

from support.models.visits import WorkingVisit

__all__ = ["WorkingVisit"]
