"""Search knows sponsors, sites and investigators; pg_trgm for "did you mean".

New and re-read trials get these words in their vector from ingest/writing.py; the trials
already stored get them appended here once, from their stored sponsors, sites and contacts.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

_APPEND_PEOPLE_AND_PLACES = """
UPDATE catalog_trial AS trial
SET search_vector = coalesce(trial.search_vector, ''::tsvector)
    || setweight(to_tsvector('english', words.text), 'C')
FROM (
    SELECT trial.id, concat_ws(' ',
        (SELECT string_agg(organization.name, ' ') FROM catalog_trialorganization AS role
            JOIN catalog_organization AS organization ON organization.id = role.organization_id
            WHERE role.trial_id = trial.id),
        (SELECT string_agg(concat_ws(' ', site.facility, site.city, site.state), ' ') FROM catalog_site AS site
            WHERE site.trial_id = trial.id),
        (SELECT string_agg(concat_ws(' ', contact.name, contact.affiliation), ' ') FROM catalog_contact AS contact
            WHERE contact.trial_id = trial.id)
    ) AS text
    FROM catalog_trial AS trial
) AS words
WHERE words.id = trial.id AND words.text <> ''
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0022_uploads_stored_in_parts"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(_APPEND_PEOPLE_AND_PLACES, reverse_sql=migrations.RunSQL.noop),
    ]
