from enum import StrEnum


class ActionItemType(StrEnum):
    KNOWLEDGE = "knowledge"
    MACHINE_SETUP = "machine_setup"
    OTHER = "other"
    PROMPT_IMPROVEMENT = "prompt_improvement"
    REPO_CONFIG = "repo_config"

    def __str__(self) -> str:
        return str(self.value)
