"""Counts the database queries of each request for the benchmarks (``bench.settings`` only, never production)."""

from django.db import connection


class QueryCountMiddleware:
    """Sends ``X-Bench-Queries``: the queries the request made, so a benchmark reads them from outside the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
