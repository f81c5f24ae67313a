# Registration on the site: how organisers let people register for an edition.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_archive_search'),
        ('registrations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='edition',
            name='registration_approval',
            field=models.CharField(choices=[('automatic', 'Automatic, while places last'), ('individual', 'Individually, by the organisers')], default='automatic', max_length=16, verbose_name='approval'),
        ),
            migrations.AddField(
            model_name='edition',
            name='registration_group',
            field=models.ForeignKey(blank=True, help_text='Registration on this site: only registrants from these countries. Empty admits everyone.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='editions', to='registrations.countrygroup', verbose_name='eligible countries'),
        ),
        migrations.AddField(
            model_name='edition',
            name='registration_mode',
            field=models.CharField(choices=[('none', 'No registration'), ('external', 'On another site (the registration URL)'), ('on_site', 'On this site')], default='external', max_length=16),
        ),
        migrations.AddField(
            model_name='edition',
            name='registration_offer_hours',
            field=models.PositiveIntegerField(default=48, help_text='When a place frees, the first on the waiting list has this long to take it.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='offer valid for (hours)'),
        ),
        migrations.AddField(
            model_name='edition',
            name='registration_opens_at',
            field=models.DateTimeField(blank=True, help_text='Registration on this site: empty opens it now.', null=True, verbose_name='registration opens'),
        ),
        migrations.AddField(
            model_name='edition',
            name='registration_places',
            field=models.PositiveIntegerField(blank=True, help_text='Registration on this site: how many can attend.', null=True, verbose_name='places'),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_approval',
            field=models.CharField(choices=[('automatic', 'Automatic, while places last'), ('individual', 'Individually, by the organisers')], default='automatic', max_length=16, verbose_name='approval'),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_group',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Registration on this site: only registrants from these countries. Empty admits everyone.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registrations.countrygroup', verbose_name='eligible countries'),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_mode',
            field=models.CharField(choices=[('none', 'No registration'), ('external', 'On another site (the registration URL)'), ('on_site', 'On this site')], default='external', max_length=16),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_offer_hours',
            field=models.PositiveIntegerField(default=48, help_text='When a place frees, the first on the waiting list has this long to take it.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='offer valid for (hours)'),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_opens_at',
            field=models.DateTimeField(blank=True, help_text='Registration on this site: empty opens it now.', null=True, verbose_name='registration opens'),
        ),
        migrations.AddField(
            model_name='historicaledition',
            name='registration_places',
            field=models.PositiveIntegerField(blank=True, help_text='Registration on this site: how many can attend.', null=True, verbose_name='places'),
        ),
        migrations.AddConstraint(
            model_name='edition',
            constraint=models.CheckConstraint(condition=models.Q(('registration_mode__in', ['none', 'external', 'on_site'])), name='edition_registration_mode_valid'),
        ),
        migrations.AddConstraint(
            model_name='edition',
            constraint=models.CheckConstraint(condition=models.Q(('registration_approval__in', ['automatic', 'individual'])), name='edition_registration_approval_valid'),
        ),
        migrations.AddConstraint(
            model_name='edition',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('registration_mode', 'on_site'), _negated=True), ('registration_places__isnull', False), _connector='OR'), name='edition_registration_on_site_has_places'),
        ),
    ]
