"""Posting the workspace's forms the way a browser does: with the anti-forgery token the pages hand out (cookie +
hidden field) and this origin in the Origin header."""
from fastapi.testclient import TestClient

ORIGIN = "http://testserver"


def csrf(client: TestClient) -> str:
    if not client.cookies.get("ra_csrf"):
        client.get("/ui/login")
    return client.cookies.get("ra_csrf")


def post_form(client: TestClient, path: str, data=None, files=None, origin: str = ORIGIN, **kw):
    return client.post(path, data={**(data or {}), "csrf": csrf(client)}, files=files,
                       headers={"Origin": origin, **kw.pop("headers", {})}, **kw)


def sign_in(client: TestClient, secret: str):
    return post_form(client, "/ui/login", {"token": secret})
