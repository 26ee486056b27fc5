"""The Iranian registry's records and Iranian hospitals' pages in Persian: labels, statuses, Solar
Hijri dates, Iran's name, and the vocabularies' Persian names (a plural joins its word). Pages
written for the tests."""

import pytest

from ingest.formats import generic_page
from ingest.normalize import enums
from ingest.normalize.countries import countries_in
from ingest.normalize.taxonomy import classify
from ingest.record import TrialRecord

RECORD = """سامانه ثبت کارآزمایی بالینی ایران
عنوان: بررسی اثر سلولهای بنیادی مزانشیمی مشتق از بافت چربی در درمان زخم پای دیابتی
کد ثبت: IRCT20190512043611N9
وضعیت جذب: در حال جذب
فاز کارآزمایی: 2
حجم نمونه: 40
حامی مالی: دانشگاه علوم پزشکی نمونه
کشور: ایران
تاریخ شروع: 1403/02/15
"""


def test_a_persian_record_reads_every_labelled_field():
    record = generic_page.parse(RECORD)[0]
    assert [i.value for i in record.identifiers] == ["IRCT20190512043611N9"]
    assert record.brief_title.startswith("بررسی اثر سلولهای بنیادی")
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)
    assert [o.name for o in record.organizations] == ["دانشگاه علوم پزشکی نمونه"]
    assert [site.country for site in record.sites] == ["Iran"]
    assert record.start_date.iso() == "2024-05-04"  # 15 Ordibehesht 1403


def test_a_persian_record_is_classified_and_kept_in_scope():
    classification = classify(generic_page.parse(RECORD)[0])
    assert (classification.conditions, classification.cell_sources, classification.product_types) == (
        ["Diabetic foot ulcer"],
        ["Adipose tissue"],
        ["Cells"],
    )
    assert classification.in_scope


@pytest.mark.parametrize(
    ("title", "conditions", "sources", "products", "origins"),
    [
        (
            "اگزوزوم مشتق از سلولهای بنیادی بند ناف در درمان ملاسما",
            ["Melasma"],
            ["Umbilical cord"],
            ["Extracellular vesicles"],
            [],
        ),
        (
            "محیط کشت رویی سلول های بنیادی مغز استخوان برای ریزش مو",
            ["Hair loss"],
            ["Bone marrow"],
            ["Conditioned medium"],
            [],
        ),
        (
            "پیوند ملانوسیت و کراتینوسیت اتولوگ در بیماران ویتیلیگو",
            ["Vitiligo"],
            ["Keratinocytes", "Melanocytes"],
            ["Cells"],
            ["Autologous"],
        ),
        (
            "سلولهای بنیادی مزانشیمی آلوژنیک ژله وارتون در پسوریازیس",
            ["Psoriasis"],
            ["Wharton's jelly"],
            ["Cells"],
            ["Allogeneic"],
        ),
    ],
)
def test_the_vocabularies_persian_names_inside_words(title, conditions, sources, products, origins):
    classification = classify(TrialRecord(source_format="test", identifiers=(), brief_title=title))
    assert (
        classification.conditions,
        classification.cell_sources,
        classification.product_types,
        classification.origins,
    ) == (conditions, sources, products, origins)


def test_a_persian_trial_of_platelet_rich_plasma_stays_out():
    title = "تزریق پلاسمای غنی از پلاکت اتولوگ در درمان اسکار آکنه"
    assert not classify(TrialRecord(source_format="test", identifiers=(), brief_title=title)).in_scope


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("در حال جذب", "RECRUITING"),
        ("هنوز جذب آغاز نشده", "NOT_YET_RECRUITING"),
        ("جذب تکمیل شده", "ACTIVE_NOT_RECRUITING"),
        ("پایان یافته", "COMPLETED"),
        ("متوقف شده", "TERMINATED"),
    ],
)
def test_the_registrys_persian_statuses(said, status):
    assert enums.status(said) == status


def test_iran_named_in_persian():
    assert countries_in("ایران") == ["Iran"] and countries_in("جمهوری اسلامی ایران") == ["Iran"]
