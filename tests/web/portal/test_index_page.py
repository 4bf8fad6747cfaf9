"""The portal's front page: find a government, pick a country, follow a KMGBF target."""


def test_the_front_page_lists_countries_and_the_23_targets(client_as, demo):
    page = client_as("anonymous").get("/en/portal/").content.decode()
    assert 'href="/en/portal/CN/"' in page
    for code in range(1, 24):
        assert f'href="/en/portal/targets/{code}/"' in page
    assert 'href="/en/api/docs/"' in page


def test_a_search_without_matches_says_so(client_as, demo):
    page = client_as("anonymous").get("/en/portal/?q=atlantis").content.decode()
    assert "No government matches." in page
