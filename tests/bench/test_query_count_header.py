"""The page benchmark reads each page's query count from a header its settings add (``bench.middleware``)."""

import pytest
from django.conf import settings
from django.test import override_settings


@pytest.mark.django_db
def test_every_answer_says_how_many_queries_it_made(client, django_assert_num_queries):
    with override_settings(MIDDLEWARE=["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]):
        anonymous = client.get("/accounts/login/")
        with django_assert_num_queries(int(anonymous["X-Bench-Queries"])):
            client.get("/accounts/login/")
        results = client.get("/results/")

    assert anonymous.status_code == 200
    assert results.status_code == 200
    assert int(results["X-Bench-Queries"]) >= 1  # the public results read the database


def test_production_settings_do_not_count():
    assert "bench.middleware.QueryCountMiddleware" not in settings.MIDDLEWARE
