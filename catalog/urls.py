from django.urls import path

from catalog import api_docs, compare, history_views, views
from catalog.caching import public_page
from catalog.feeds import TrialFeed

app_name = "catalog"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("trials/", views.trial_list, name="trial_list"),
    path("trials.json", views.trial_list_json, name="trial_list_json"),
    path("trials.csv", views.trial_list_csv, name="trial_list_csv"),
    path("trials.atom", public_page(TrialFeed()), name="trial_feed"),
    path("api/", api_docs.api, name="api"),
    path("compare/", compare.compare, name="compare"),
    path("compare.csv", compare.compare_csv, name="compare_csv"),
    path("changes/", history_views.change_list, name="change_list"),
    path("changes.json", history_views.change_list_json, name="change_list_json"),
    path("changes.csv", history_views.change_list_csv, name="change_list_csv"),
    path("changes.atom", public_page(history_views.ChangeFeed()), name="change_feed"),
    # Some registry ids hold slashes (CTRI/2017/02/007932), hence <path:>.
    path("trials/<path:registry_id>.json", views.trial_detail_json, name="trial_detail_json"),
    path("trials/<path:registry_id>/", views.trial_detail, name="trial_detail"),
    path("conditions/<slug:slug>/", views.term_page, {"kind": "conditions"}, name="condition_page"),
    path("cell-sources/<slug:slug>/", views.term_page, {"kind": "cell-sources"}, name="cell_source_page"),
]
