from enum import StrEnum


class SessionOriginFilter(StrEnum):
    API = "api"
    AUTOMATION = "automation"
    CLI = "cli"
    CODE_SCAN = "code_scan"
    DESKTOP = "desktop"
    JIRA = "jira"
    LINEAR = "linear"
    OTHER = "other"
    SLACK = "slack"
    TEAMS = "teams"
    WEBAPP = "webapp"

    def __str__(self) -> str:
        return str(self.value)
