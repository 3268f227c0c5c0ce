"""Area I's models, split by domain (the way `pzss.core.models` is): the working visits
(`visits`). Everything is re-exported here by name."""

# Groups at work, case conferences, projects (part h14-groups).
from support.models.cases import CaseConference
from support.models.groups import GroupMeeting
from support.models.projects import Project, ProjectStatus

# (end of part h14-groups)
from support.models.visits import WorkingVisit

__all__ = ["WorkingVisit"]
__all__ += ["CaseConference", "GroupMeeting", "Project", "ProjectStatus"]
