        {"R_connectionTimedOut","Expiration du délai d'attente de connexion : pas d'informations supplémentaires"},
        {"R_tcpOpenFailed","{0}. Vérifiez les propriétés de connexion. Assurez-vous qu''une instance de SQL Server est en cours d''exécution sur l''hôte et accepte les connexions TCP/IP au port. Vérifiez que les connexions TCP au port ne sont pas bloquées par un pare-feu."},
        {"R_noServerResponse","Le serveur SQL Server n'a retourné aucune réponse. La connexion a été fermée."},
        {"R_tcpipConnectionFailed","Échec de la connexion TCP/IP à l''hôte {0}, port {1}. Erreur : « {2} »."},
