from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from localgbf.web.env import env_bool, env_database, env_int, env_secret


def test_a_bad_boolean_names_the_variable_and_the_accepted_words():
    with pytest.raises(
        ImproperlyConfigured,
        match=r"DEBUG='maybe' is not a boolean; use one of 1, on, true, yes or 0, false, no, off",
    ):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


@pytest.mark.parametrize(
    ("word", "value"), [("yes", True), ("0", False), ("ON", True), ("", False)]
)
def test_boolean_words(word, value):
    assert env_bool("DEBUG", not value, {"DEBUG": word}) is value


def test_a_bad_number_is_refused():
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS='-1' must be at least 0"):
        env_int("SECURE_HSTS_SECONDS", 0, {"SECURE_HSTS_SECONDS": "-1"}, minimum=0)


def test_sqlite_is_the_default_database(tmp_path: Path):
    config = env_database("DATABASE_URL", tmp_path / "db.sqlite3", {})
    assert config["ENGINE"] == "django.db.backends.sqlite3"


def test_a_postgres_url_is_parsed():
    config = env_database(
        "DATABASE_URL", Path("x"), {"DATABASE_URL": "postgres://u:p@127.0.0.1:5433/lg"}
    )
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "127.0.0.1",
        5433,
        "lg",
    )


def test_an_unsupported_database_scheme_names_the_accepted_ones():
    with pytest.raises(
        ImproperlyConfigured,
        match="DATABASE_URL must be a URL whose scheme is one of sqlite, postgres",
    ):
        env_database("DATABASE_URL", Path("x"), {"DATABASE_URL": "mysql://u@h/db"})


def test_a_secret_is_read_from_a_file(tmp_path: Path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(secret)}) == "s3cret"


def test_an_unreadable_secret_file_is_named(tmp_path: Path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE=.*cannot be read"):
        env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(tmp_path / "missing")})


def test_the_database_url_may_come_from_a_file(tmp_path: Path):
    url_file = tmp_path / "database_url"
    url_file.write_text("postgres://u:p@127.0.0.1:5433/lg\n")
    config = env_database("DATABASE_URL", Path("x"), {"DATABASE_URL_FILE": str(url_file)})
    assert (config["ENGINE"], config["PASSWORD"]) == ("django.db.backends.postgresql", "p")
