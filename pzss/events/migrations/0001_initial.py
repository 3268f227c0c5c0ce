# The models were the core's (core 0003 made their tables); they move here with their
# tables and rows, so only Django's state changes. The content types turn over to this
# app, keeping their ids, so documents and audit entries keep pointing at them.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from pzss.lib.migration_ops import turn_over_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0006_move_signup_and_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Certificate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(max_length=40, unique=True, verbose_name='number')),
                        ('code', models.CharField(max_length=20, unique=True, verbose_name='verification code')),
                        ('person_name', models.CharField(max_length=220, verbose_name='name')),
                        ('institution_name', models.CharField(blank=True, max_length=255, verbose_name='institution')),
                        ('activity_title', models.CharField(max_length=300, verbose_name='event')),
                        ('activity_kind', models.CharField(max_length=32, verbose_name='kind')),
                        ('start_date', models.DateField(verbose_name='start date')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='end date')),
                        ('place', models.CharField(blank=True, max_length=255, verbose_name='place')),
                        ('hours', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='hours')),
                        ('accreditation_number', models.CharField(blank=True, max_length=100, verbose_name='accreditation number')),
                        ('licence_points', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='points toward the licence')),
                        ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='issued')),
                        ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='sent by e-mail')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='core.activity', verbose_name='activity')),
                        ('registration', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='certificate', to='core.registration', verbose_name='registration')),
                    ],
                    options={
                        'verbose_name': 'certificate of attendance',
                        'verbose_name_plural': 'certificates of attendance',
                        'db_table': 'core_certificate',
                        'ordering': ['number'],
                    },
                ),
                migrations.CreateModel(
                    name='SignupQuestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(max_length=300, verbose_name='question')),
                        ('kind', models.CharField(choices=[('text', 'Text'), ('choice', 'Choice'), ('yesno', 'Yes or no')], default='text', max_length=10, verbose_name='kind of answer')),
                        ('choices', models.JSONField(blank=True, default=list, verbose_name='choices')),
                        ('required', models.BooleanField(default=False, verbose_name='required')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='core.activity', verbose_name='activity')),
                    ],
                    options={
                        'verbose_name': 'sign-up question',
                        'verbose_name_plural': 'sign-up questions',
                        'db_table': 'core_signupquestion',
                        'ordering': ['order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Attendance',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='day')),
                        ('present', models.BooleanField(verbose_name='present')),
                        ('marked_at', models.DateTimeField(auto_now=True, verbose_name='marked at')),
                        ('marked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='core.registration', verbose_name='registration')),
                    ],
                    options={
                        'verbose_name': 'attendance',
                        'verbose_name_plural': 'attendance',
                        'db_table': 'core_attendance',
                        'ordering': ['day'],
                        'constraints': [models.UniqueConstraint(fields=('registration', 'day'), name='attendance_one_per_day')],
                    },
                ),
                migrations.CreateModel(
                    name='EventSignup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_open', models.BooleanField(default=True, help_text='Untick to stop sign-ups at once, whatever the dates say.', verbose_name='open for sign-up')),
                        ('opens_at', models.DateTimeField(blank=True, null=True, verbose_name='sign-up opens')),
                        ('closes_at', models.DateTimeField(blank=True, null=True, verbose_name='sign-up closes')),
                        ('admission', models.CharField(choices=[('anyone', 'Anyone'), ('groups', 'Members of the chosen standing groups'), ('institution_kinds', 'Staff of the chosen kinds of institution')], default='anyone', max_length=20, verbose_name='who may sign up')),
                        ('admitted_institution_kinds', models.JSONField(blank=True, default=list, verbose_name='admitted kinds of institution')),
                        ('per_institution_limit', models.PositiveSmallIntegerField(blank=True, help_text='Leave empty for no limit. Sign-ups above it go to the waiting list.', null=True, verbose_name='seats per institution')),
                        ('needs_approval', models.BooleanField(default=False, help_text='A sign-up holds a seat while it waits for a decision.', verbose_name='sign-ups need staff approval')),
                        ('accreditation_number', models.CharField(blank=True, max_length=100, verbose_name='accreditation number')),
                        ('licence_points', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='points toward the licence')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('activity', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='signup', to='core.activity', verbose_name='activity')),
                        ('admitted_groups', models.ManyToManyField(blank=True, related_name='+', to='core.standinggroup', verbose_name='admitted standing groups')),
                    ],
                    options={
                        'verbose_name': 'event sign-up',
                        'verbose_name_plural': 'event sign-ups',
                        'db_table': 'core_eventsignup',
                        'constraints': [models.CheckConstraint(condition=models.Q(('opens_at__isnull', True), ('closes_at__isnull', True), ('closes_at__gt', models.F('opens_at')), _connector='OR'), name='eventsignup_closes_after_opens')],
                    },
                ),
            ],
            database_operations=[],
        ),
        turn_over_content_types(['attendance', 'certificate', 'eventsignup', 'signupquestion'], from_app="core", to_app="events"),
    ]
