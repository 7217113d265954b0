from enum import StrEnum


class SessionCategoryFilter(StrEnum):
    BUG_FIXING = "bug_fixing"
    CI_CD_AND_DEVOPS = "ci_cd_and_devops"
    CODE_QUALITY_AND_SECURITY = "code_quality_and_security"
    CODE_REVIEW = "code_review"
    CODE_REVIEW_AND_ANALYSIS = "code_review_and_analysis"
    DATA_AND_AUTOMATION = "data_and_automation"
    DOCUMENTATION_AND_CONTENT = "documentation_and_content"
    FEATURE_DEVELOPMENT = "feature_development"
    MIGRATIONS_AND_UPGRADES = "migrations_and_upgrades"
    OTHER = "other"
    PRODUCTION_INVESTIGATION = "production_investigation"
    REFACTORING_AND_OPTIMIZATION = "refactoring_and_optimization"
    RESEARCH_AND_EXPLORATION = "research_and_exploration"
    SECURITY = "security"
    UNIT_TEST_GENERATION = "unit_test_generation"

    def __str__(self) -> str:
        return str(self.value)
