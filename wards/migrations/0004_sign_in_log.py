
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wards', '0003_ward_mergers'),
    ]

    operations = [
        migrations.CreateModel(
            name='SignInEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='time')),
                ('username', models.CharField(db_index=True, max_length=150, verbose_name='user name')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='browser')),
                ('outcome', models.CharField(choices=[('password_accepted', 'Password accepted'), ('password_refused', 'Wrong user name or password'), ('locked_out', 'Locked out after too many failures'), ('code_accepted', 'Two-factor code accepted'), ('recovery_code_used', 'Recovery code used'), ('code_refused', 'Two-factor code refused')], max_length=30, verbose_name='outcome')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'sign-in',
                'verbose_name_plural': 'sign-ins',
                'ordering': ['-at', '-pk'],
            },
        ),
    ]
