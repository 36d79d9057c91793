"""Banks of realistic French content for generated plans: towns, titles, fiche values, prose.

Everything here is written with straight apostrophes and the "…" character; the generator
switches to curly apostrophes or "..." per seed. Titles are grouped by policy domain so that a
generated objective's operational objectives and actions belong together, as in a real plan.
The towns are made up (no Walloon commune bears these names).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    adjective: str  # "fontainois": what a plan may say instead of the name


TOWNS: tuple[Town, ...] = (
    Town("Fontaine-sur-Maquette", "fontainois"),
    Town("Val-des-Essais", "valessien"),
    Town("Esquisse-la-Rivière", "esquissois"),
    Town("Brouillon-lez-Sambre", "brouillonnais"),
    Town("Mont-Chimère", "chimérien"),
    Town("Saint-Fictif-en-Condroz", "fictivois"),
    Town("Pré-d'Épreuve", "éprouvois"),
    Town("Ébauche-sur-Ourthe", "ébauchois"),
    Town("Bourg-Témoin", "témoinois"),
    Town("Croquis-en-Hesbaye", "croquisien"),
    Town("Leurre-Saint-Lambert", "leurrois"),
    Town("Ham-sur-Simulacre", "hamois"),
    Town("Essai-la-Neuve", "essayon"),
    Town("Villers-Prototype", "villersois"),
    Town("Ortho-Vallée", "orthovallon"),
)


@dataclass(frozen=True)
class Domain:
    """A policy domain: its OS titles, OO titles and action titles, and where it sits."""

    key: str
    volet: str  # "interne" | "externe"
    theme: str  # the theme heading a "themes" plan files it under
    area: str  # the numbered policy area a Burdinne-like plan files it under
    os_titles: tuple[str, ...]
    oo_titles: tuple[str, ...]
    actions: tuple[str, ...]
    indicators: tuple[str, ...] = ()
    services: tuple[str, ...] = ()


DOMAINS: tuple[Domain, ...] = (
    Domain(
        key="insertion",
        volet="externe",
        theme="Emploi et insertion",
        area="Réinsertion socio-professionnelle",
        os_titles=(
            "Être un CPAS qui accompagne chaque personne vers l'emploi et l'autonomie",
            "Être un CPAS qui développe son service d'insertion socioprofessionnelle",
            "Être un CPAS qui favorise l'insertion sociale et professionnelle de ses "
            "bénéficiaires en s'appuyant sur les partenaires de l'emploi et de la formation",
        ),
        oo_titles=(
            "Développer les mises à l'emploi sous contrat article 60 §7",
            "Renforcer l'accompagnement des bénéficiaires du revenu d'intégration (RIS) dans "
            "leur projet professionnel",
            "Lever les freins à la formation et à l'emploi (mobilité, garde d'enfants, langue)",
            "Créer des collaborations avec les employeurs locaux intéressés par l'engagement "
            "d'articles 60 §7 ou 61 et assurer le suivi des personnes remises à l'emploi",
            "Valoriser les compétences des bénéficiaires par la formation qualifiante",
            "Faire du projet individualisé d'intégration sociale (PIIS) un outil d'émancipation",
            "Mettre en place des processus pour rendre les personnes plus autonomes",
        ),
        actions=(
            "Organiser un atelier hebdomadaire de recherche d'emploi",
            "Conclure de nouvelles conventions de mise à disposition avec des employeurs "
            "locaux (entreprises, ASBL, autres CPAS…)",
            "Mettre en place un job coaching pendant et après le contrat article 60 §7",
            "Intensifier le suivi pendant l'article 60 (une réunion d'évaluation tous les deux "
            "mois)",
            "Organiser un accompagnement post article 60",
            "Développer une plateforme inter-CPAS dans le cadre du dispositif article 61",
            "Prendre en charge les frais de garde d'enfants pendant les formations",
            "Collaborer avec la Mission Locale pour orienter les jeunes vers une formation "
            "qualifiante",
            "Proposer un abonnement de bus aux stagiaires en formation",
            "Créer une cellule d'accompagnement vers l'emploi avec le Forem",
            "Mise en place d'un module de préparation à l'entretien d'embauche",
            "Organisation d'une bourse à l'emploi annuelle avec les entreprises de la région",
            "Élaborer un outil d'évaluation des compétences des travailleurs sous contrat "
            "article 60 §7",
            "Démarcher le tissu économique local pour la création d'emplois",
            "Soutenir la rédaction de C.V. et de lettres de motivation (écrivain public)",
            "Proposer des cours de français langue étrangère (FLE) avec l'ASBL Lire et Écrire",
            "Mise à disposition de vélos électriques pour les trajets domicile-travail",
            "Financer le permis de conduire théorique des bénéficiaires en parcours d'insertion",
            "Signer un PIIS « formation » avec chaque étudiant bénéficiaire du RIS",
            "Création d'une entreprise d'économie sociale de repassage",
            "Renforcer les liens existants et créer de nouveaux liens avec divers partenaires "
            "qui pourraient être intéressés par l'engagement d'articles 60 §7 ou 61 (GAL, "
            "autres CPAS, entreprises, agriculteurs de l'entité…)",
        ),
        indicators=(
            "Nombre de mises à l'emploi sous article 60 §7",
            "Nombre de personnes accompagnées",
            "Taux de sortie vers l'emploi",
            "Nombre de PIIS signés",
            "Nombre de participants par séance",
        ),
        services=("Service d'insertion socioprofessionnelle", "Service social"),
    ),
    Domain(
        key="logement",
        volet="externe",
        theme="Cadre de vie",
        area="Politique du logement",
        os_titles=(
            "Être un CPAS qui facilite l'accès à un logement décent pour tous",
            "Être un CPAS qui lutte contre le sans-abrisme et le mal-logement",
        ),
        oo_titles=(
            "Augmenter l'offre de logements d'urgence et de transit",
            "Renforcer la collaboration avec l'Agence Immobilière Sociale (AIS) et les "
            "sociétés de logement de service public",
            "Prévenir les expulsions domiciliaires",
            "Améliorer la qualité des logements occupés par les personnes précarisées",
            "Accompagner les ménages dans leur recherche d'un logement adapté à leurs revenus",
            "Permettre aux personnes précarisées d'accéder à un logement décent",
        ),
        actions=(
            "Rénover les deux logements de transit de la rue du Moulin",
            "Créer un logement d'urgence supplémentaire",
            "Poursuivre la collaboration avec l'AIS pour la prise en gestion de logements "
            "privés inoccupés",
            "Mettre en place une cellule de prévention des expulsions avec la justice de paix",
            "Constituer les garanties locatives au moyen d'un fonds de roulement",
            "Organiser des ateliers « Bien habiter son logement »",
            "Conclure une convention avec la société de logement public pour l'attribution de "
            "logements aux ménages suivis par le service social",
            "Réaliser un cadastre des logements insalubres avec le service urbanisme de la Commune",
            "Mise en place d'un capteur logement pour les personnes sans abri",
            "Création d'une maison d'accueil pour les familles monoparentales",
            "Développer le Housing First avec le Relais social urbain",
            "Accompagner les locataires dans leurs démarches de déménagement",
            "Aménager un logement adapté aux personnes à mobilité réduite (PMR)",
            "L'augmentation du nombre de logements de transit et d'urgence",
            "Le renforcement de notre collaboration avec les opérateurs de logements publics et "
            "notamment l'AIS",
            "Le développement d'un nouveau projet de logements intergénérationnels",
        ),
        indicators=(
            "Nombre de logements disponibles",
            "Nombre de ménages relogés",
            "Nombre d'expulsions évitées",
            "Taux d'occupation des logements de transit",
        ),
        services=("Service logement", "Service social"),
    ),
    Domain(
        key="aines",
        volet="externe",
        theme="Santé et aînés",
        area="Politique d'aide à la personne",
        os_titles=(
            "Être un CPAS qui lutte contre l'isolement et qui développe ses services d'aide à "
            "la personne",
            "Être un CPAS qui permet aux aînés de vivre chez eux le plus longtemps possible",
        ),
        oo_titles=(
            "Rompre l'isolement et la solitude des personnes âgées",
            "Maintenir et créer des activités et des services venant en aide aux personnes",
            "Améliorer l'offre des repas chauds à domicile",
            "Développer les conditions de mobilité et de transport des aînés",
            "Améliorer la qualité de vie des résidents de la maison de repos",
        ),
        actions=(
            "Promouvoir le taxi social et étendre son utilisation",
            "Aménager dans le planning du taxi social au moins un demi-jour par semaine destiné "
            "aux courses, de sorte à véhiculer plusieurs personnes en même temps",
            "Mettre en place un appel téléphonique hebdomadaire aux personnes isolées",
            "Organiser un goûter mensuel à la résidence-services",
            "Organiser le salon des aînés",
            "Développer un service de petits travaux à domicile",
            "Collaborer avec la zone de police pour le protocole « disparition seniors »",
            "Élargir la tournée des repas à domicile aux week-ends",
            "Mise en place d'un service de télévigilance",
            "Création d'un conseil des résidents de la maison de repos",
            "Réfléchir aux diversifications de possibilité d'accueil au sein de la maison de repos",
            "Former les aides familiales à la détection de la maltraitance",
            "Organiser des activités intergénérationnelles avec les écoles de l'entité",
            "Installer un jardin sensoriel à la maison de repos",
            "Mettre à jour le plan canicule et le plan grand froid",
            "Aller à la rencontre des personnes âgées à leur domicile",
        ),
        indicators=(
            "Nombre de personnes âgées visitées",
            "Nombre de repas livrés par mois",
            "Nombre de courses du taxi social",
            "Taux de satisfaction des résidents",
        ),
        services=("Service d'aide aux familles", "Maison de repos", "Service social"),
    ),
    Domain(
        key="sante",
        volet="externe",
        theme="Santé et aînés",
        area="Santé et aide médicale",
        os_titles=(
            "Être un CPAS qui favorise l'accès de tous aux soins de santé",
            "Être un CPAS qui prend soin de la santé physique et mentale de la population",
        ),
        oo_titles=(
            "Renforcer nos actions en matière de santé",
            "Faciliter l'accès aux soins des personnes précarisées",
            "Développer la prévention et la promotion de la santé",
            "Soutenir la santé mentale des bénéficiaires",
            "Garantir l'accès à une alimentation saine et de qualité",
        ),
        actions=(
            "Signer une convention avec une maison médicale",
            "Mise en place d'une carte santé pour les bénéficiaires",
            "Organiser des ateliers « santé » : alimentation, sommeil, activité physique",
            "Participer à la réflexion sur la création d'une maison médicale",
            "Informer les personnes en séjour illégal sur l'aide médicale urgente",
            "Organiser une journée de dépistage avec la Province",
            "Rembourser les frais pharmaceutiques selon un barème revu chaque année",
            "Soutenir la distribution de l'aide alimentaire",
            "Mettre en place une permanence hebdomadaire d'un psychologue",
            "Sensibiliser aux assuétudes en collaboration avec le PCS",
            "Renforcer notre collaboration avec les opérateurs locaux de la santé",
            "Création d'un groupe de parole pour les aidants proches",
        ),
        indicators=(
            "Nombre de bénéficiaires de la carte santé",
            "Nombre de participants aux ateliers",
            "Montant des frais médicaux pris en charge",
            "Nombre de consultations du psychologue",
        ),
        services=("Service social", "Service d'aide aux familles"),
    ),
    Domain(
        key="famille",
        volet="externe",
        theme="Cohésion sociale",
        area="Enfance, jeunesse et familles",
        os_titles=(
            "Être un CPAS qui lutte contre la pauvreté infantile",
            "Être un CPAS qui soutient les familles et la réussite des enfants",
        ),
        oo_titles=(
            "Lutter contre la pauvreté infantile",
            "Soutenir la parentalité",
            "Favoriser la réussite scolaire des enfants des familles aidées",
            "Accompagner les familles monoparentales",
        ),
        actions=(
            "Renforcer nos collaborations avec la Maison des Jeunes, l'AMO et l'ONE",
            "Utiliser davantage le fonds de participation en faveur de la pauvreté infantile",
            "Organiser une école de devoirs avec le PCS",
            "Prendre en charge les frais scolaires (repas, excursions, matériel)",
            "Création d'une bourse aux vêtements pour enfants",
            "Ouvrir une permanence du soir une fois par semaine",
            "Organiser des stages d'été accessibles aux enfants des familles aidées",
            "Mettre en place un groupe de parole pour parents solos",
            "Distribuer des colis de naissance en partenariat avec l'ONE",
            "Réserver des places en crèche pour les parents en formation",
            "Augmenter le soutien à la parentalité à travers le service d'insertion sociale",
        ),
        indicators=(
            "Nombre d'enfants aidés",
            "Montant du fonds de participation utilisé",
            "Nombre de familles accompagnées",
            "Nombre de participants aux stages",
        ),
        services=("Service social", "Service d'aide aux familles"),
    ),
    Domain(
        key="energie",
        volet="externe",
        theme="Cadre de vie",
        area="Politique du logement - énergétique",
        os_titles=(
            "Être un CPAS qui veille à sensibiliser la population en matière de "
            "consommations énergétiques",
            "Transmettre un monde plus durable et plus solidaire",
            "Être un CPAS éco-responsable qui réduit son empreinte environnementale",
        ),
        oo_titles=(
            "Promouvoir les actions du tuteur énergétique au sein de toute la population",
            "Réduire la consommation d'énergie des bâtiments du CPAS",
            "Réduire les déchets et la consommation de papier",
            "Protéger la biodiversité et maximiser les circuits courts",
            "Lutter contre la précarité énergétique",
        ),
        actions=(
            "Procéder à un audit énergétique de nos biens immobiliers",
            "Passer progressivement à l'éclairage LED",
            "Remplacer les chaudières vétustes de la maison de repos",
            "Isoler la toiture de la résidence-services",
            "Informer, sensibiliser et conseiller dans le domaine énergétique les citoyens "
            "fragilisés",
            "Organiser des ateliers « économies d'énergie » avec le tuteur énergétique",
            "Placer des compteurs à budget en concertation avec les fournisseurs",
            "Diminuer la consommation de papier par la dématérialisation des dossiers",
            "Intégrer les circuits courts et les produits de saison dans la cuisine de la "
            "maison de repos",
            "Installer un hôtel à insectes et parrainer des ruches",
            "Placer des panneaux photovoltaïques sur le toit de l'administration",
            "Mise en place du tri des déchets organiques dans tous les services",
            "Sensibiliser les bénéficiaires aux achats de seconde main",
            "Récupérer l'eau de pluie pour l'entretien des espaces verts",
            "Assurer une information continue, concernant les actions et missions du tuteur "
            "énergétique, à la population via conférences, formations, toutes-boîtes et/ou "
            "encarts dans le bulletin communal",
        ),
        indicators=(
            "Consommation annuelle en kWh",
            "Nombre de ménages conseillés par le tuteur énergétique",
            "Quantité de papier commandée",
            "Tonnage de déchets résiduels",
        ),
        services=("Service énergie", "Direction générale", "Service technique"),
    ),
    Domain(
        key="accueil",
        volet="interne",
        theme="AXE INTERNE",
        area="Accueil, communication, information",
        os_titles=(
            "Être un CPAS accueillant et accessible",
            "Être une institution connue et reconnue pour ses missions",
            "Être un CPAS qui veille à sa communication",
        ),
        oo_titles=(
            "Améliorer l'accueil et confortabiliser le déroulement des entretiens sociaux",
            "Promouvoir la communication à l'égard de toute la population",
            "Aménager l'accès aux personnes à mobilité réduite",
            "Optimaliser l'information et la communication de nos actions auprès des "
            "bénéficiaires pour réduire le non-recours aux droits",
            "Développer une autre image du CPAS, ouvert à tous",
        ),
        actions=(
            "Créer une brochure « À quoi sert le CPAS ? » à distribuer en toutes-boîtes",
            "Améliorer la présentation des pages consacrées au CPAS sur le site communal",
            "Envisager une page Facebook pour le CPAS",
            "Alimenter le journal communal en termes d'action sociale, plutôt que d'assistance",
            "Installer une rampe d'accès à l'entrée principale",
            "Réaménager la salle d'attente pour préserver la confidentialité des entretiens",
            "Afficher les horaires des permanences à l'entrée du bâtiment",
            "Former les agents d'accueil à l'écoute active",
            "Mettre en place une signalétique plus visible",
            "Organiser une journée portes ouvertes",
            "Mise en place d'un guichet unique à l'accueil",
            "Le déploiement d'un système de rendez-vous téléphonique",
            "Augmenter l'insonorisation des bureaux par le placement d'un isolant phonique "
            "dans les cloisons et le remplacement des portes vitrées",
            "Participer aux marchés hebdomadaires avec un stand d'information",
        ),
        indicators=(
            "Nombre de visites du site internet",
            "Taux de satisfaction des usagers",
            "Temps d'attente moyen à l'accueil",
            "Nombre de brochures distribuées",
        ),
        services=("Service accueil", "Direction générale", "Service social"),
    ),
    Domain(
        key="personnel",
        volet="interne",
        theme="AXE INTERNE",
        area="Administration générale",
        os_titles=(
            "Être un employeur soucieux du bien-être au travail et de l'efficience du travail",
            "Être un CPAS qui valorise et fait grandir son personnel",
        ),
        oo_titles=(
            "Gérer les ressources humaines de manière optimale",
            "Offrir des conditions de travail confortables et de sécurité, et améliorer "
            "l'accueil des usagers",
            "Élaborer un plan de formation pluriannuel",
            "Favoriser le bien-être au travail",
            "Optimiser l'identité, la transversalité, le décloisonnement et le partage de "
            "l'information",
        ),
        actions=(
            "Élaborer un plan de formation d'accueil et d'intégration des nouveaux agents",
            "Organiser chaque année une journée de formation collective",
            "Réaménager la salle de pause du personnel",
            "Mettre en place des entretiens d'évaluation annuels",
            "Rédiger une description de fonction pour chaque poste",
            "Implémenter la sécurité et la santé au travail avec le conseiller en prévention",
            "Organiser une supervision collective des assistants sociaux",
            "Mise en place du télétravail structurel",
            "Mise à jour du règlement de travail",
            "Mener une enquête de satisfaction auprès du personnel",
            "Valoriser le personnel lors d'une journée annuelle",
            "Développer le sentiment d'appartenance à l'institution",
            "Partager les savoirs acquis lors des formations",
        ),
        indicators=(
            "Nombre d'agents formés",
            "Taux d'absentéisme",
            "Nombre d'entretiens d'évaluation réalisés",
            "Taux de participation à l'enquête",
        ),
        services=("Service du personnel", "Direction générale"),
    ),
    Domain(
        key="gestion",
        volet="interne",
        theme="AXE INTERNE",
        area="Administration générale",
        os_titles=(
            "Être un gestionnaire efficace de notre patrimoine et de nos ressources financières",
            "Être une administration moderne, efficace et transparente",
        ),
        oo_titles=(
            "Dégager un équilibre financier durable",
            "Gérer et valoriser notre patrimoine immobilier",
            "Bénéficier d'économies d'échelle par les synergies avec la Commune",
            "Moderniser l'équipement informatique des services",
            "Implémenter le règlement général sur la protection des données (RGPD)",
        ),
        actions=(
            "Établir un suivi budgétaire mensuel via des tableaux de bord",
            "Rechercher activement toutes les possibilités de financement (appels à projets, "
            "subsides)",
            "Établir un cadastre des biens immobiliers du CPAS",
            "Entretenir et équiper nos biens immobiliers",
            "Mener une réflexion sur nos processus d'acquisition de biens et de services et "
            "envisager des synergies avec la Commune dans ce cadre",
            "Remplacer les postes de travail de plus de six ans",
            "Installer un logiciel de gestion des dossiers sociaux",
            "Désigner un délégué à la protection des données (DPO) commun avec la Commune",
            "Mise en place de la signature électronique des documents",
            "Créer un service commun de marchés publics Commune/CPAS",
            "Vendre les terres agricoles non stratégiques",
            "Numériser les archives du service social",
            "Formaliser le système de contrôle interne",
        ),
        indicators=(
            "Délai moyen de paiement des factures",
            "Montant des subsides obtenus",
            "Nombre de postes remplacés",
            "Nombre de marchés conjoints",
        ),
        services=(
            "Direction financière",
            "Service informatique",
            "Direction générale",
            "Service technique",
        ),
    ),
    Domain(
        key="cohesion",
        volet="externe",
        theme="Cohésion sociale",
        area="Cohésion sociale et lutte contre la pauvreté",
        os_titles=(
            "Être un CPAS qui développe le vivre-ensemble",
            "Faire reculer les inégalités, accompagner les parcours et prévenir les ruptures",
            "Être un CPAS qui lutte contre toutes les formes de pauvreté",
        ),
        oo_titles=(
            "Développer la solidarité pour tous et plus particulièrement pour les personnes "
            "plus fragiles",
            "Accroître l'insertion et la cohésion sociale et socioculturelle",
            "Déconstruire les clichés et les préjugés",
            "Prévenir le surendettement",
            "Garantir l'accès de tous à une aide alimentaire digne",
        ),
        actions=(
            "Création d'une épicerie sociale",
            "Pérenniser l'activité « Espace Femmes »",
            "Organiser des rencontres entre les bénéficiaires et les travailleurs du CPAS",
            "Organiser des ateliers budget avec le service de médiation de dettes",
            "Informer les jeunes adultes sur les risques du crédit à la consommation",
            "Développer un potager collectif avec le PCS",
            "Distribuer les colis alimentaires en partenariat avec la Croix-Rouge",
            "Mise en place d'un restaurant social deux fois par semaine",
            "Soutenir la participation culturelle grâce aux tickets Article 27",
            "Organiser une fête de quartier annuelle avec le Plan de cohésion sociale (PCS)",
            "Créer un repair café avec les bénévoles de l'entité",
            "Proposer une guidance budgétaire dès la première demande d'aide",
            "Développer des actions citoyennes, d'ouverture et de cohésion sociale",
        ),
        indicators=(
            "Nombre de colis distribués par mois",
            "Nombre de ménages bénéficiaires",
            "Nombre de participants aux activités",
            "Nombre de dossiers de médiation de dettes ouverts",
        ),
        services=("Service social", "Service de médiation de dettes"),
    ),
    Domain(
        key="securite",
        volet="interne",
        theme="Sécurité",
        area="Prévention et sécurité",
        os_titles=(
            "Être un CPAS qui garantit la sécurité de ses usagers et de son personnel",
            "Être un CPAS qui prévient les risques et protège ses travailleurs",
        ),
        oo_titles=(
            "Renforcer la sécurité des bâtiments du CPAS",
            "Prévenir les agressions envers le personnel de première ligne",
            "Améliorer la prévention des incendies à la maison de repos",
            "Protéger les données et les dossiers des bénéficiaires",
        ),
        actions=(
            "Installer un système de contrôle d'accès à l'administration",
            "Former le personnel d'accueil à la gestion des situations agressives",
            "Placer des boutons d'alarme dans les bureaux d'entretien",
            "Conclure un protocole d'intervention avec la zone de police",
            "Réaliser une analyse des risques avec le conseiller en prévention",
            "Organiser un exercice d'évacuation annuel à la maison de repos",
            "Remplacer la centrale de détection incendie de la résidence-services",
            "Mise en place d'un registre des faits de violence",
            "Sécuriser le local d'archives des dossiers sociaux",
            "Désigner une personne de confiance pour les travailleurs",
        ),
        indicators=(
            "Nombre d'incidents déclarés",
            "Nombre d'agents formés",
            "Nombre d'exercices d'évacuation réalisés",
            "Délai d'intervention de la police",
        ),
        services=("Direction générale", "Service du personnel", "Service technique"),
    ),
)

# Actions any objective may hold when its domain's bank runs out.
GENERIC_ACTIONS: tuple[str, ...] = (
    "Évaluer chaque année les actions menées avec les partenaires",
    "Rédiger un rapport d'activités annuel à destination du Conseil",
    "Participer aux réunions de coordination sociale de l'entité",
    "Mettre en place un comité de pilotage avec la Commune",
    "Répondre aux appels à projets de la Wallonie et de la Fédération Wallonie-Bruxelles",
    "Mise en place d'un tableau de bord de suivi des demandes",
    "Organiser une concertation annuelle avec les associations locales",
    "Informer le public cible par un courrier personnalisé",
    "Créer un groupe de travail associant les travailleurs sociaux",
    "Réaliser un diagnostic des besoins avec l'aide de l'Observatoire de la santé",
    "Élaborer une procédure écrite et la diffuser à tous les services",
    "Former deux agents référents",
    "Présenter un bilan au Conseil de l'action sociale à mi-législature",
    "Solliciter les subsides régionaux disponibles",
    "Mise à jour de l'inventaire des partenaires du réseau",
    "Développer un partenariat avec l'ASBL locale active dans le secteur",
)

# Fiche values.
DESCRIPTIONS: tuple[str, ...] = (
    "L'action vise à mieux répondre aux besoins constatés par les travailleurs sociaux lors "
    "des entretiens.",
    "Le projet sera mené en concertation avec les partenaires locaux et évalué chaque année "
    "par le comité de direction.",
    "Un groupe de travail associant le service social et la direction prépare la mise en "
    "œuvre et en rend compte au Conseil.",
    "Il s'agit de pérenniser une initiative lancée à titre expérimental en 2018.",
    "Les bénéficiaires seront associés à la conception du dispositif dès son lancement.",
    "La mesure répond à une demande récurrente des usagers et du personnel de première ligne.",
    "Le CPAS s'appuiera sur l'expérience d'autres centres de la province pour la mise en place.",
    "Cette action s'inscrit dans la continuité de la déclaration de politique sociale.",
)

INDICATORS: tuple[str, ...] = (
    "Nombre de personnes accompagnées",
    "Nombre de participants par séance",
    "Taux de satisfaction des usagers",
    "Nombre de conventions signées",
    "Montant des économies réalisées",
    "Délai moyen de traitement des demandes",
    "Nombre de ménages bénéficiaires",
    "Nombre de mises à l'emploi",
    "Nombre de séances organisées",
    "Consommation annuelle en kWh",
    "Nombre de logements disponibles",
    "Nombre d'agents formés",
    "Nombre de visites du site internet",
    "Nombre de colis distribués par mois",
)

DEADLINES: tuple[str, ...] = (
    "2020",
    "2021",
    "2022",
    "2023",
    "2024",
    "31/12/2020",
    "30/06/2021",
    "31/12/2022",
    "Fin 2021",
    "Juin 2023",
    "Septembre 2020",
    "Continu",
)

SERVICES: tuple[str, ...] = (
    "Service social",
    "Service d'insertion socioprofessionnelle",
    "Service énergie",
    "Service du personnel",
    "Service informatique",
    "Direction générale",
    "Direction financière",
    "Maison de repos",
    "Service de médiation de dettes",
    "Service logement",
    "Service d'aide aux familles",
)

PILOTS: tuple[str, ...] = (
    "Directrice générale",
    "Directeur général",
    "Président du CPAS",
    "Présidente du CPAS",
    "Responsable du service social",
    "Coordinatrice de l'insertion",
    "Directeur financier",
    "Directrice de la maison de repos",
    "Conseiller en prévention",
    "Tuteur énergétique",
    "Assistante sociale en chef",
)

PARTNERS: tuple[str, ...] = (
    "PCS",
    "Forem",
    "Commune",
    "ONE",
    "AIS",
    "Mission Locale",
    "CPAS voisins",
    "GAL",
    "Croix-Rouge",
    "Province",
    "Maison médicale",
    "Relais social",
    "Ligue des familles",
    "Société de logement public",
    "Zone de police",
)

BUDGETS: tuple[str, ...] = (
    "5 000 €",
    "12 500 € (subside PCS)",
    "2 000 € par an",
    "Budget ordinaire",
    "Sans incidence budgétaire",
    "À charge du budget extraordinaire",
    "30 000 € sur la législature",
    "800 €",
    "À déterminer",
)

STATUSES: tuple[str, ...] = ("En cours", "À l'étude", "Réalisé", "Non commencé", "Postposé")

PRIORITIES: tuple[str, ...] = ("Élevée", "Moyenne", "Faible", "Haute")

# What the SDGs are called (for "ODD : 1 - Pas de pauvreté" lines).
SDG_NAMES: dict[int, str] = {
    1: "Pas de pauvreté",
    2: "Faim « zéro »",
    3: "Bonne santé et bien-être",
    4: "Éducation de qualité",
    5: "Égalité entre les sexes",
    7: "Énergie propre et d'un coût abordable",
    8: "Travail décent et croissance économique",
    10: "Inégalités réduites",
    11: "Villes et communautés durables",
    12: "Consommation et production responsables",
    13: "Mesures relatives à la lutte contre les changements climatiques",
    16: "Paix, justice et institutions efficaces",
    17: "Partenariats pour la réalisation des objectifs",
}

VALUES: tuple[str, ...] = (
    "Respect",
    "Solidarité",
    "Bienveillance",
    "Équité",
    "Écoute",
    "Professionnalisme",
    "Transparence",
    "Convivialité",
    "Dignité humaine",
    "Travail d'équipe",
)

# Prose of the front matter: each entry is one paragraph.
INTRO_PARAGRAPHS: tuple[str, ...] = (
    "Le programme stratégique transversal (PST) est une démarche de gouvernance locale. "
    "C'est un document stratégique qui aide le CPAS à mieux programmer ses actions et sa "
    "politique en s'appuyant sur une culture de la planification et de l'évaluation.",
    "Rendu obligatoire par le décret du 19 juillet 2018, qui l'intègre dans la loi organique "
    "des CPAS du 8 juillet 1976 (article 27ter), le PST est un outil de gouvernance "
    "pluriannuel qui reprend la stratégie développée par le Conseil de l'action sociale pour "
    "atteindre les objectifs qu'il s'est fixés.",
    "Le PST se décline en objectifs stratégiques, qui disent ce que le CPAS veut être au terme "
    "de la législature, en objectifs opérationnels, qui disent ce qu'il va faire, et en "
    "actions, qui disent qui fait quoi, pour quand et avec quels moyens humains et "
    "financiers.",
    "Il est en quelque sorte une feuille de route évolutive qui doit aider le CPAS à "
    "programmer ses actions pour mettre en œuvre des objectifs définis… sans figer pour "
    "autant la réflexion.",
    "Le présent document a été préparé par le comité de direction avec les responsables de "
    "service, puis présenté au Conseil de l'action sociale. Les agents ont été consultés par "
    "l'intermédiaire de leur chef d'équipe.",
)

WHY_ITEMS: tuple[str, ...] = (
    "Avoir une vision à moyen et long terme sur les actions à mener",
    "Professionnaliser la gestion du CPAS par l'adoption d'une démarche stratégique",
    "Planifier les ressources et prioriser les actions de manière réaliste",
    "Fédérer les plans et programmes existants dans un tout cohérent",
    "Décloisonner et coordonner les différents projets du CPAS",
    "Permettre un meilleur dialogue avec le citoyen",
)

EPILOGUE_PARAGRAPHS: tuple[str, ...] = (
    "Le PST sera évalué par le Conseil de l'action sociale au minimum à mi-législature et au "
    "terme de celle-ci. Il peut être actualisé en cours de route, notamment pour tenir compte "
    "de nouvelles priorités ou de nouveaux moyens.",
    "Chaque responsable de service tient à jour l'état d'avancement des actions qui le "
    "concernent ; le comité de direction en fait la synthèse deux fois par an.",
    "Un rapport d'évaluation sera présenté au Conseil et publié sur le site internet de la "
    "Commune, conformément au décret.",
)

TEMPLATE_LEFTOVER = "Cliquez ici pour taper du texte."
