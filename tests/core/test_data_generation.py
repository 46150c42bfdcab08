"""The data generation moves with every change to Grogrund's data, and only then."""

import re
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.db.models.deletion import Collector

from builders import (
    make_area,
    make_challenge,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.areas import services
from grogrund.areas.models import Observation
from grogrund.core.generation import STATISTICS, _move_after_commit, current, data_changed
from grogrund.sources.records import Location, ObservationRecord

pytestmark = pytest.mark.django_db

SRC = Path(__file__).parents[2] / "src" / "grogrund"


def _moves(change) -> bool:
    before = current()
    change()
    return current() > before


def test_saving_a_model_moves_it():
    org = make_org()
    assert _moves(lambda: make_challenge(org, make_area("9901A0001")))


def test_deleting_a_model_moves_it():
    challenge = make_challenge(make_org(), make_area("9901A0001"))
    assert _moves(challenge.delete)


def test_changing_a_many_to_many_relation_moves_it():
    owner, partner = make_org(), make_org()
    challenge = make_challenge(owner, make_area("9901A0001"))
    assert _moves(lambda: challenge.shared_with.add(partner))
    assert _moves(lambda: challenge.shared_with.clear())


def test_a_membership_moves_it_because_it_changes_what_a_user_may_see():
    org = make_org()
    user = make_user(org)
    assert _moves(lambda: user.memberships.all().delete())


def test_a_session_does_not_move_it():
    assert not _moves(lambda: SessionStore().create())


def test_an_import_moves_it_although_it_writes_without_signals():
    make_area("9901A0001")
    make_indicator("employment")
    record = ObservationRecord(
        area_code="9901A0001",
        indicator_code="employment",
        period="2024",
        value=0.5,
        numerator=50,
        denominator=100,
        source="SCB",
        location=Location(file="t.csv", row=2),
    )
    assert _moves(
        lambda: services.import_observations(
            records=[record], owner=make_org(), dataset_name="d", source="SCB"
        )
    )


def test_deleting_an_observation_through_the_api_moves_it():
    from builders import api_client

    org = make_org()
    user = make_user(org)
    dataset = make_dataset(org)
    observation = make_observation(dataset, make_area("9901A0001"), make_indicator(), "2024", 0.5)
    client = api_client(user)
    assert _moves(
        lambda: (
            client.delete(f"/api/v1/observations/{observation.pk}/").status_code == 204
            or pytest.fail("the delete was refused")
        )
    )


def test_observations_keep_django_fast_delete():
    # A delete receiver on Observation would make Django delete a dataset's rows one by one.
    assert Collector(using="default").can_fast_delete(Observation.objects.all())


def test_a_change_is_seen_by_the_same_transaction_at_once():
    org = make_org()
    with transaction.atomic():
        before = current()
        make_challenge(org, make_area("9901A0001"))
        assert current() > before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the sequence is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_it_moves_again_after_the_commit():
    org = make_org()
    with transaction.atomic():
        make_challenge(org, make_area("9901A0001"))
        make_challenge(org, make_area("9901A0002"))
        inside = current()
        pending = [func for _savepoints, func, _robust in connection.run_on_commit]
        assert pending.count(_move_after_commit) == 1  # once, however many changes
    assert current() > inside


# Writes that send no model signals: each module doing them must move the generation itself.
SIGNAL_FREE_WRITE = re.compile(
    r"\.update\(\s*\*\*|\.objects[^\n]*\.update\(|bulk_create\(|bulk_update\(|"
    r"executemany\(|COPY \{|\bCOPY\b[^\n]*FROM STDIN|\.raw\("
)
# Modules whose signal-free writes change nothing a page shows.
DOES_NOT_SHOW = {
    # The cached result of a valuation: derived from the inputs, whose saves move it.
    "valuations/services.py",
    # A background job's progress and result: the job pages are never kept in the page cache
    # (the fetched figures themselves go through import_observations, which moves it).
    "jobs/services.py",
    # An API token's last use: shown on the account page alone, never kept in the page cache.
    "accounts/tokens.py",
    "areas/fetch.py",
}


def test_every_module_writing_without_signals_moves_the_generation_itself():
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "/migrations/" in relative or relative in DOES_NOT_SHOW:
            continue
        text = path.read_text()
        if SIGNAL_FREE_WRITE.search(text) and "data_changed(" not in text:
            missing.append(relative)
    assert not missing, f"call grogrund.core.generation.data_changed() in {missing}"


def test_the_operator_command_moves_it():
    from django.core.management import call_command

    assert _moves(lambda: call_command("data_changed", stdout=open("/dev/null", "w")))


def test_a_change_after_a_rolled_back_savepoint_moves_it_again():
    org = make_org()
    area = make_area("9901A0001")
    with transaction.atomic():
        before = current()
        try:
            with transaction.atomic():
                make_challenge(org, area)
                raise RuntimeError("roll the savepoint back")
        except RuntimeError:
            pass
        assert current() == before or connection.vendor == "postgresql"  # undone with it
        make_challenge(org, area)
        assert current() > before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the sequence is PostgreSQL's")
def test_on_postgresql_the_very_first_change_moves_it():
    with connection.cursor() as cursor:  # the sequence as a fresh database has it
        cursor.execute("SELECT setval('core_data_generation_seq', 1, false)")
    assert _moves(lambda: make_org())


def test_moving_past_puts_every_scope_beyond_what_was_seen():
    """What a restore does (grogrund.core.backup): the numbers of the replaced database were
    (statistics 40, programmes 3…); the restored one's are lower. Afterwards each scope is
    beyond its own, and a scope already beyond stays where it is."""
    from grogrund.core.generation import SCOPES, STATISTICS, data_changed, move_past, numbers

    data_changed()  # every scope has a number (rows or sequences in use)
    now = numbers()
    seen = {scope: now[scope] + 5 for scope in SCOPES}
    seen[STATISTICS] = now[STATISTICS] + 40
    seen["methods"] = now["methods"] - 1  # already beyond: left alone
    move_past(seen)
    after = numbers()
    assert after["methods"] == now["methods"]
    assert after[STATISTICS] > now[STATISTICS] + 40
    assert all(after[scope] > seen[scope] for scope in SCOPES)
    assert current((STATISTICS,)) == after[STATISTICS]


def test_a_number_rolled_back_is_never_given_again():
    """What is kept in a cache while a transaction lasts (under the number its write gave)
    was read from data that may never be committed: after a rollback the next write must
    not give that number again, or the kept copy would be found."""
    from django.db import transaction

    before = current()
    with pytest.raises(RuntimeError), transaction.atomic():
        data_changed(scopes=(STATISTICS,))
        during = current()
        raise RuntimeError("undone")
    data_changed(scopes=(STATISTICS,))
    after = current()
    assert during != before and after not in {before, during}
