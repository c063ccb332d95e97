import pytest

from tests import world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Both plans are loaded once; each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        world.load(world.NAGASAKI)
        world.load(world.MINATO)


@pytest.fixture
def ja(settings):
    from django.utils import translation

    with translation.override("ja"):
        yield


@pytest.fixture
def en():
    from django.utils import translation

    with translation.override("en"):
        yield
