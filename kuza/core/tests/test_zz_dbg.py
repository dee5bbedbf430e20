import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
pytestmark = pytest.mark.django_db

def test_dbg(client, demo_community):
    for username in ("amina", "wanjiru.kamau", "thandeka.dlamini", "aisha.bello"):
        client.force_login(demo_community.users[username])
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            client.get("/")
        print("USER", username, len(ctx.captured_queries))
        for q in ctx.captured_queries:
            print("   ", q["sql"][:230])
