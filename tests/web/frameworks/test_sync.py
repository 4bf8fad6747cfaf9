from localgbf.frameworks.catalog import PACKAGED
from localgbf.frameworks.kmgbf import kmgbf
from localgbf.web.frameworks.models import Framework, FrameworkElement
from localgbf.web.frameworks.sync import sync_packaged_frameworks


def test_every_packaged_framework_is_in_the_database_after_migrating(db):
    assert set(Framework.objects.values_list("slug", flat=True)) == set(PACKAGED)


def test_kmgbf_elements_keep_codes_titles_and_their_parent_target(db):
    fw = Framework.objects.get(slug="kmgbf")
    assert fw.elements.filter(kind="target").count() == 23
    assert fw.elements.count() == 4 + 23 + len(kmgbf().indicators)
    indicator = fw.elements.get(kind="headline_indicator", code="12.1")
    assert indicator.parent.code == "12" and indicator.parent.kind == "target"
    assert fw.elements.get(kind="target", code="12").title["zh-hans"].startswith("增加城市")


def test_syncing_again_adds_nothing(db):
    before = FrameworkElement.objects.count()
    sync_packaged_frameworks()
    assert FrameworkElement.objects.count() == before


def test_a_new_version_is_added_beside_the_old_one_which_stays_linked(db):
    old = Framework.objects.get(slug="kmgbf")
    element = old.elements.get(kind="target", code="3")
    Framework.objects.filter(pk=old.pk).update(version="2022-12-draft")
    sync_packaged_frameworks()
    assert Framework.objects.filter(slug="kmgbf").count() == 2
    assert Framework.objects.get(pk=old.pk).is_current is False
    assert FrameworkElement.objects.get(pk=element.pk).framework_id == old.pk
