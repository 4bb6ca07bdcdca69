"""The catalogue: every string a person reads, by key, per language.

French is complete; English falls back to French key by key until translated.
Pages call `t()` when they are compiled; server messages (errors) store a key
and the state translates it with the same catalogue.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "fr"

FR: dict[str, str] = {
    # Shell
    "app.name": "Compétence numérique",
    "app.brand_mark": "Québec",
    "app.tagline": "Une plateforme intelligente pour développer votre compétence numérique",
    "app.skip_to_content": "Aller au contenu",
    "nav.label": "Navigation principale",
    "nav.home": "Accueil",
    "nav.activate": "Activer",
    "nav.groups": "Mes groupes",
    "nav.profile": "Mon profil",
    "nav.dashboard": "Mon tableau de bord",
    "nav.login": "Se connecter",
    "nav.logout": "Se déconnecter",
    "nav.signup": "Créer un compte",
    "footer.terms": "Conditions d'utilisation",
    "footer.privacy": "Vos données restent chiffrées sur nos serveurs; aucun service externe n'est contacté.",
    "common.loading": "Chargement…",
    "common.required_note": "Les champs marqués d'un astérisque (*) sont obligatoires.",
    "common.cancel": "Annuler",
    "common.close": "Fermer",
    "account.deletion_warning": "Votre compte était inactif depuis près de 24 mois : sans cette connexion, il aurait "
    "été supprimé le {date} avec vos données. Il reste maintenant actif; il sera supprimé après 24 mois sans "
    "connexion.",
    # Home
    "home.title": "Mesurez et développez votre compétence numérique",
    "home.lead": "Situez-vous dans les 12 dimensions du cadre de référence québécois, progressez avec des activités "
    "adaptées à votre niveau et, si vous enseignez, suivez le portrait de vos groupes.",
    "home.teacher_title": "Personnel enseignant",
    "home.teacher_text": "Créez vos groupes, invitez vos élèves avec un code et consultez leur portrait.",
    "home.teacher_cta": "Créer un compte enseignant",
    "home.learner_title": "Apprenant",
    "home.learner_text": "Fais le test de positionnement, découvre ton niveau et progresse à ton rythme.",
    "home.learner_cta": "Créer un compte apprenant",
    "home.have_account": "Vous avez déjà un compte?",
    "home.welcome": "Bonjour",
    "home.welcome_text": "Que voulez-vous faire aujourd'hui?",
    # Signup
    "signup.teacher_title": "Création de compte « Personnel enseignant »",
    "signup.learner_title": "Création de compte « Apprenant »",
    "field.email": "Courriel",
    "field.email_help": "Exemple : prenom.nom@exemple.ca",
    "field.password": "Mot de passe",
    "field.password_help": "Au moins 10 caractères, difficile à deviner : une courte phrase fonctionne bien.",
    "field.confirmation": "Confirmer le mot de passe",
    "field.name": "Nom",
    "field.teacher_level": "Niveau scolaire d'enseignement",
    "field.learner_level": "Niveau scolaire",
    "field.level_placeholder": "Choisir dans la liste",
    "field.age_legend": "Merci de choisir parmi les deux options suivantes :",
    "field.age_under_14": "J'ai moins de 14 ans",
    "field.age_14_plus": "J'ai 14 ans ou plus",
    "field.guardian": "Un parent, un tuteur ou mon enseignant a autorisé la création de mon compte",
    "field.terms": "J'accepte les conditions d'utilisation",
    "field.captcha": "Je ne suis pas un robot",
    "captcha.verifying": "Vérification en cours…",
    "captcha.verified": "Vérifié",
    "captcha.error": "La vérification a échoué. Réessayez.",
    "captcha.expired": "La vérification a expiré. Cochez de nouveau.",
    "signup.submit": "Enregistrer",
    "signup.other_teacher": "Vous êtes apprenant? Créez plutôt un compte apprenant.",
    "signup.other_learner": "Tu enseignes? Crée plutôt un compte enseignant.",
    # School levels
    "level.prescolaire": "Préscolaire",
    "level.primaire_1": "1er cycle du primaire",
    "level.primaire_2": "2e cycle du primaire",
    "level.primaire_3": "3e cycle du primaire",
    "level.secondaire_1": "1er cycle du secondaire",
    "level.secondaire_2": "2e cycle du secondaire",
    "level.formation_professionnelle": "Formation professionnelle",
    "level.education_adultes": "Éducation des adultes",
    "level.collegial": "Collégial",
    "level.universitaire": "Universitaire",
    # Roles
    "role.teacher": "Personnel enseignant",
    "role.learner": "Apprenant",
    # Login
    "login.title": "Se connecter",
    "login.submit": "Se connecter",
    "login.reactivate_submit": "Réactiver mon compte",
    "login.no_account": "Pas encore de compte?",
    "login.signed_out": "Vous êtes déconnecté.",
    "login.required": "Connectez-vous pour accéder à cette page.",
    # Profile
    "profile.title": "Mon profil",
    "profile.identifier": "Identifiant : {id}",
    "profile.level_teacher": "Mon niveau scolaire d'enseignement",
    "profile.level_learner": "Mon niveau scolaire",
    "profile.account": "Mon compte",
    "profile.change_password": "Modifier mon mot de passe",
    "profile.suspend": "Suspendre mon compte",
    "profile.delete": "Supprimer mon compte",
    "profile.current_password": "Mot de passe actuel",
    "profile.new_password": "Nouveau mot de passe",
    "profile.confirm_new_password": "Confirmer le nouveau mot de passe",
    "profile.save_password": "Enregistrer le nouveau mot de passe",
    "profile.password_changed": "Votre mot de passe a été modifié. Vos autres sessions ont été fermées.",
    "profile.suspend_title": "Suspendre mon compte?",
    "profile.suspend_text": "Vous serez déconnecté et personne ne pourra se connecter à ce compte. Pour le réactiver, "
    "connectez-vous de nouveau : on vous demandera de confirmer votre mot de passe.",
    "profile.suspend_confirm": "Suspendre",
    "profile.delete_title": "Supprimer mon compte?",
    "profile.delete_text": "Toutes vos données personnelles seront effacées définitivement. Cette action est "
    "irréversible. Entrez votre mot de passe pour confirmer.",
    "profile.delete_password": "Mot de passe de confirmation",
    "profile.delete_confirm": "Supprimer définitivement",
    "profile.deleted": "Votre compte et vos données ont été supprimés.",
    "profile.suspended": "Votre compte est suspendu. Connectez-vous pour le réactiver.",
    # Groups
    "groups.title": "Mes groupes",
    "groups.empty": "Vous ne faites pas partie d'un groupe.",
    "groups.join": "Joindre un groupe",
    "groups.create": "Créer un groupe",
    "groups.managed_title": "Les groupes dont je suis gestionnaire",
    "groups.managed_empty": "Vous ne gérez encore aucun groupe. Créez-en un pour inviter vos élèves avec un code.",
    "groups.joined_title": "Mes groupes",
    "groups.learner_count": "{count} apprenant(s)",
    "groups.created_by": "Créé par {name}",
    "groups.join_intro": "Tu peux entrer ici le code remis par ton enseignant(e):",
    "groups.code_field": "Code du groupe",
    "groups.join_submit": "Joindre le groupe",
    "groups.consent_title": "Joindre le groupe {name}",
    "groups.consent_text": "En rejoignant le groupe {name}, tu acceptes que les responsables du groupe (créé par "
    "{teacher}) aient accès aux informations suivantes :",
    "groups.consent_name": "Ton nom",
    "groups.consent_year": "Ton année scolaire",
    "groups.consent_levels": "Ton niveau dans chaque matière",
    "groups.consent_answers": "Tes réponses aux questions dans la plateforme",
    "groups.consent_withdraw": "Tu pourras quitter le groupe en tout temps : les responsables ne verront alors plus "
    "tes informations.",
    "groups.accept": "J'accepte",
    "groups.refuse": "Je refuse",
    "groups.joined_notice": "Tu fais maintenant partie du groupe {name}.",
    "groups.refused_notice": "Tu n'as pas rejoint le groupe. Aucune information n'a été partagée.",
    "groups.name_field": "Nom du groupe",
    "groups.create_submit": "Créer le groupe",
    "groups.created_notice": "Le groupe {name} est créé. Remettez ce code à vos élèves :",
    "groups.code_label": "Code du groupe",
    "groups.copy_code": "Copier le code",
    "groups.copied": "Code copié.",
    "groups.manage": "Gérer le groupe",
    "groups.leave": "Quitter le groupe",
    "groups.leave_title": "Quitter le groupe {name}?",
    "groups.leave_text": "Les responsables du groupe ne verront plus ton nom, tes niveaux ni tes réponses. Tu pourras "
    "le rejoindre de nouveau avec son code.",
    "groups.leave_confirm": "Quitter",
    "groups.left_notice": "Tu as quitté le groupe.",
    "group.back": "Retour à Mes groupes",
    "group.settings": "Réglages du groupe",
    "group.rename_submit": "Renommer",
    "group.renamed": "Le groupe a été renommé.",
    "group.regenerate": "Générer un nouveau code",
    "group.regenerate_title": "Générer un nouveau code?",
    "group.regenerate_text": "L'ancien code cessera de fonctionner immédiatement. Les apprenants déjà inscrits "
    "restent dans le groupe.",
    "group.regenerate_confirm": "Générer",
    "group.regenerated": "Nouveau code généré. L'ancien ne fonctionne plus.",
    "group.joining_open": "Les inscriptions sont ouvertes : le code permet de joindre le groupe.",
    "group.joining_closed": "Les inscriptions sont fermées : le code ne permet plus de joindre le groupe.",
    "group.close_joining": "Fermer les inscriptions",
    "group.open_joining": "Rouvrir les inscriptions",
    "group.members_title": "Membres du groupe",
    "group.members_empty": "Aucun apprenant n'a encore rejoint ce groupe.",
    "group.col_name": "Nom",
    "group.col_level": "Niveau scolaire",
    "group.col_joined": "Date d'adhésion",
    "group.col_actions": "Actions",
    "group.remove": "Retirer",
    "group.remove_label": "Retirer {name}",
    "group.remove_title": "Retirer {name} du groupe?",
    "group.remove_text": "Son consentement prendra fin et vous ne verrez plus ses informations.",
    "group.remove_confirm": "Retirer du groupe",
    "group.removed": "L'apprenant a été retiré du groupe.",
    "group.delete": "Supprimer le groupe",
    "group.delete_title": "Supprimer le groupe?",
    "group.delete_text": "Le groupe, ses membres et leurs consentements seront supprimés. Pour confirmer, tapez le "
    "nom exact du groupe.",
    "group.confirm_name": "Nom du groupe à supprimer",
    "group.delete_confirm": "Supprimer le groupe",
    "group.deleted": "Le groupe a été supprimé.",
    "group.not_found": "Ce groupe n'existe pas ou vous n'en êtes pas gestionnaire.",
    # The portrait of a group
    "portrait.tab_learners": "Apprenants",
    "portrait.tab_dimensions": "Dimensions",
    "portrait.tab_manage": "Gestion du groupe",
    "portrait.tabs_label": "Portrait du groupe",
    "portrait.radar_title": "Portrait du groupe",
    "portrait.radar_label": "Radar des niveaux moyens du groupe dans les 12 dimensions",
    "portrait.no_learners": "Aucun apprenant n'a encore rejoint ce groupe. Remettez le code du groupe à vos élèves.",
    "portrait.col_name": "Nom",
    "portrait.col_level": "Niveau scolaire",
    "portrait.col_last": "Dernière activité",
    "portrait.col_global": "Niveau global",
    "portrait.col_assessed": "Dimensions évaluées",
    "portrait.sort_by": "Trier par {column}",
    "portrait.no_activity": "Aucune activité",
    "portrait.not_assessed": "—",
    "portrait.col_dimension": "Dimension",
    "portrait.col_mean": "Niveau moyen",
    "portrait.col_progression": "Progression",
    "portrait.consult": "Consulter",
    "portrait.consult_label": "Consulter la dimension {number}",
    "portrait.assessed_count": "{count} évalué(s)",
    "portrait.export": "Exporter (CSV)",
    "portrait.back_group": "Retour au groupe",
    "portrait.spread_title": "Répartition des apprenants par niveau",
    "portrait.spread_label": "Nombre d'apprenants à chaque niveau",
    "portrait.trend_title": "Niveau moyen du groupe au fil du temps",
    "portrait.trend_label": "Niveau moyen du groupe par semaine",
    "portrait.trend_empty": "Aucun résultat dans cette dimension pour l'instant.",
    "portrait.learners_at_level": "Apprenants par niveau",
    "portrait.nobody": "Personne",
    "portrait.learner_levels": "Niveaux par dimension",
    "portrait.learner_answers": "Réponses aux questions",
    "portrait.col_question": "Question",
    "portrait.col_choice": "Réponse choisie",
    "portrait.col_result": "Résultat",
    "portrait.col_date": "Date",
    "portrait.right": "Bonne réponse",
    "portrait.wrong": "Mauvaise réponse",
    "portrait.no_answers": "Aucune réponse pour l'instant.",
    "portrait.learner_radar_label": "Radar des niveaux de l'apprenant dans les 12 dimensions",
    "portrait.not_found": "Cet apprenant ne fait pas partie de ce groupe, ou vous n'en êtes pas gestionnaire.",
    "export.name": "Nom",
    "export.school_level": "Niveau scolaire",
    "export.last_activity": "Dernière activité",
    "export.global_level": "Niveau global",
    "export.filename": "portrait",
    # Dashboard
    "dashboard.title": "Mon tableau de bord",
    "dashboard.lead": "Le test de positionnement situe ta compétence dans chacune des 12 dimensions. Une question à "
    "la fois : le test s'adapte à tes réponses.",
    "dashboard.start_full": "Faire le positionnement complet",
    "dashboard.resume": "Reprendre le test en cours",
    "dashboard.global_level": "Niveau global",
    "dashboard.global_none": "Pas encore évalué",
    "dashboard.radar_title": "Mon portrait",
    "dashboard.radar_label": "Radar de mes niveaux dans les 12 dimensions",
    "dashboard.empty": "Ton portrait s'affichera ici après ton premier test. Commence par une dimension ou fais le "
    "positionnement complet.",
    "dashboard.dimensions_title": "Mes dimensions",
    "dashboard.not_assessed": "Non évaluée",
    "dashboard.assessed_on": "Évaluée le {date}",
    "dashboard.start": "Commencer",
    "dashboard.retake": "Refaire",
    "dashboard.continue": "Reprendre",
    "dashboard.action_label": "{action} : dimension {number}",
    "dashboard.progression_title": "Ma progression",
    "dashboard.progression_label": "Évolution de mes niveaux par dimension, selon la date",
    "dashboard.progression_empty": "Ta progression apparaîtra ici quand tu auras refait le test d'une dimension.",
    "dashboard.dimension_number": "Dimension {number}",
    # The test
    "test.title": "Test de positionnement",
    "test.question_of": "Question {position}",
    "test.progress_label": "Progression du test",
    "test.situation": "Mise en situation",
    "test.choose": "Choisis une réponse",
    "test.validate": "Valider",
    "test.next": "Suivant",
    "test.see_result": "Voir mon résultat",
    "test.right": "Bonne réponse!",
    "test.wrong": "Ce n'est pas la bonne réponse.",
    "test.right_answer": "La bonne réponse : {answer}",
    "test.complement": "Complément d'information",
    "test.done_title": "Test terminé",
    "test.done_level": "Ton niveau dans cette dimension : {level}",
    "test.continue_full": "Continuer avec la dimension {number}",
    "test.back_dashboard": "Retour au tableau de bord",
    "test.none": "Aucun test n'est en cours. Choisis une dimension dans ton tableau de bord.",
    "test.full_run": "Positionnement complet : dimension {number} sur 12",
    # Activities
    "activate.title": "Activer",
    "activate.lead": "Des activités pour progresser, en commençant par les dimensions où ton niveau est le plus bas.",
    "activate.empty": "Fais d'abord le test d'une dimension : les activités recommandées s'afficheront ici.",
    "activate.for_dimension": "Dimension {number} : {name}",
    "activate.current_level": "Ton niveau actuel : {level}",
    "activate.do": "Faire l'activité",
    "activate.do_label": "Faire l'activité : {question}",
    "activate.done": "Activité faite",
    "activate.close": "Fermer l'activité",
    "activate.recorded": "Activité enregistrée. Refais le test de cette dimension pour voir ta progression.",
    "activate.retake": "Refaire le test de cette dimension",
    # Errors
    "error.required": "Ce champ est obligatoire.",
    "error.email_invalid": "Entrez une adresse courriel valide, par exemple nom@exemple.ca.",
    "error.email_taken": "Un compte existe déjà avec ce courriel. Connectez-vous plutôt.",
    "error.password_too_short": "Le mot de passe doit compter au moins 10 caractères.",
    "error.password_too_long": "Le mot de passe est trop long : 72 octets au maximum (les lettres accentuées en "
    "comptent deux).",
    "error.password_weak": "Ce mot de passe est trop facile à deviner. Ajoutez des mots moins prévisibles.",
    "error.password_mismatch": "Les deux mots de passe ne sont pas identiques.",
    "error.password_wrong": "Le mot de passe est incorrect.",
    "error.name_too_long": "Le nom ne peut pas dépasser 100 caractères.",
    "error.school_level_unknown": "Choisissez un niveau scolaire dans la liste.",
    "error.terms_required": "Vous devez accepter les conditions d'utilisation pour créer un compte.",
    "error.captcha_missing": "Cochez « Je ne suis pas un robot » et attendez la vérification.",
    "error.captcha_invalid": "La vérification « Je ne suis pas un robot » a expiré ou a déjà servi. Cochez-la de "
    "nouveau.",
    "error.age_required": "Choisis une des deux options.",
    "error.guardian_required": "Tu dois confirmer qu'un parent, un tuteur ou ton enseignant a autorisé ton compte.",
    "error.login_failed": "Courriel ou mot de passe incorrect.",
    "error.login_throttled": "Trop de tentatives de connexion. Réessayez dans {minutes} minute(s).",
    "error.account_suspended": "Ce compte est suspendu. Pour le réactiver, entrez de nouveau votre mot de passe "
    "puis cliquez sur « Réactiver mon compte ».",
    "error.invalid_request": "La demande n'a pas pu être traitée. Rechargez la page.",
    "error.not_allowed": "Cette action ne vous est pas permise.",
    "error.try_again": "Un problème temporaire est survenu. Réessayez.",
    "error.group_name_too_long": "Le nom du groupe ne peut pas dépasser 80 caractères.",
    "error.group_name_taken": "Vous avez déjà un groupe qui porte ce nom.",
    "error.group_name_mismatch": "Le nom tapé ne correspond pas au nom du groupe.",
    "error.code_invalid": "Ce code ne permet pas de joindre un groupe. Vérifie-le auprès de ton enseignant(e).",
    "error.code_throttled": "Trop de codes erronés. Tu pourras réessayer dans {minutes} minute(s).",
    "error.group_own": "Vous êtes gestionnaire de ce groupe.",
    "error.already_member": "Tu fais déjà partie du groupe {name}.",
    "error.attempt_over": "Ce test est terminé. Retourne au tableau de bord pour en commencer un autre.",
    "error.question_not_offered": "Cette question a déjà reçu une réponse ou n'est plus affichée. La page a été mise "
    "à jour.",
    "error.choice_unknown": "Choisis une des réponses proposées.",
    "error.unexpected": "Une erreur est survenue. Rechargez la page; si elle persiste, réessayez plus tard.",
    "error.too_fast": "Trop de demandes en peu de temps. Patientez quelques secondes.",
    "error.summary": "Le formulaire contient des erreurs. Corrigez les champs indiqués.",
    # Terms
    "terms.title": "Conditions d'utilisation",
    "terms.intro": "Cette plateforme est offerte aux apprenants et au personnel enseignant du Québec pour mesurer et "
    "développer leur compétence numérique. Pour l'utiliser, il faut accepter les présentes conditions en cochant la "
    "case « J'accepte les conditions d'utilisation ».",
    "terms.data_title": "Renseignements que nous recueillons",
    "terms.data_identity": "Pour vous inscrire : votre courriel, votre nom et votre niveau scolaire. Votre courriel "
    "est conservé seulement sous une forme hachée avec une clé secrète : il sert à vous retrouver quand vous vous "
    "connectez, mais ne peut pas être lu dans la base de données. Votre nom est chiffré; il est déchiffré seulement "
    "pour vous et pour les responsables des groupes auxquels vous avez choisi de vous joindre.",
    "terms.data_usage": "Pendant votre utilisation : vos réponses aux questions, vos niveaux par dimension, les "
    "activités réalisées et les données techniques nécessaires au bon fonctionnement de la plateforme.",
    "terms.purposes_title": "À quoi servent ces données",
    "terms.purposes": "À vous montrer votre niveau et votre progression, à permettre aux responsables de vos groupes "
    "de suivre le portrait du groupe si vous y consentez, et, une fois rendues anonymes, à améliorer la plateforme, "
    "à produire des statistiques et à en renforcer la sécurité. Elles ne sont jamais vendues ni transmises à un "
    "service publicitaire, et aucun service externe n'est contacté.",
    "terms.confidentiality_title": "Confidentialité",
    "terms.confidentiality": "Vos renseignements personnels sont protégés conformément à la Loi sur l'accès aux "
    "documents des organismes publics et sur la protection des renseignements personnels. Vous pouvez suspendre ou "
    "supprimer votre compte en tout temps depuis « Mon profil »; la suppression efface toutes vos données "
    "personnelles.",
    "terms.retention_title": "Durée de conservation",
    "terms.retention": "Un compte inactif depuis plus de 24 mois est supprimé avec ses données personnelles. Vous en "
    "serez averti lors d'une connexion pendant le dernier mois. Après la suppression, il faudra créer un nouveau "
    "compte.",
    "terms.minors_title": "Moins de 14 ans",
    "terms.minors": "Une personne de moins de 14 ans doit avoir obtenu l'autorisation d'un parent, d'un tuteur ou "
    "d'un enseignant avant de créer un compte. Tu as moins de 14 ans? Demande d'abord à un de tes parents, à un "
    "tuteur ou à ton enseignant s'il accepte que tu crées un compte.",
}

EN: dict[str, str] = {
    "app.name": "Digital Competency",
    "nav.home": "Home",
    "nav.groups": "My groups",
    "nav.profile": "My profile",
    "nav.dashboard": "My dashboard",
    "nav.logout": "Log out",
}

CATALOGUE: dict[str, dict[str, str]] = {"fr": FR, "en": EN}


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of `key` in `language` (French when missing), with {placeholders} filled."""
    text = CATALOGUE.get(language, {}).get(key) or FR[key]
    return text.format(**values) if values else text


_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def format_date(moment, language: str = DEFAULT_LANGUAGE) -> str:
    """« 27 novembre 2026 » / "November 27, 2026", in Québec's time zone."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo("America/Montreal"))
    if language == "en":
        return f"{_MONTHS['en'][local.month - 1]} {local.day}, {local.year}"
    return f"{local.day} {_MONTHS['fr'][local.month - 1]} {local.year}"
