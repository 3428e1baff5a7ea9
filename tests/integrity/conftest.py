from tests.matching.conftest import leaders  # noqa: F401 - shared fixtures
from tests.meetings.conftest import pair  # noqa: F401
