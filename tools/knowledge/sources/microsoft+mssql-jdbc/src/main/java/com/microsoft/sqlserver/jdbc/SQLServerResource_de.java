        {"R_connectionTimedOut","Verbindungstimeout: keine weiteren Informationen"},
        {"R_tcpOpenFailed","{0}. Überprüfen Sie die Verbindungseigenschaften. Stellen Sie sicher, dass eine SQL Server-Instanz auf dem Host ausgeführt wird und am Port TCP/IP-Verbindungen akzeptiert. Vergewissern Sie sich, dass am Port keine TCP-Verbindungen durch eine Firewall blockiert werden."},
        {"R_noServerResponse","SQL Server hat keine Antwort zurückgegeben. Die Verbindung wurde geschlossen."},
        {"R_tcpipConnectionFailed","Fehler beim Herstellen der TCP/IP-Verbindung mit dem Host ''{0}'', Port {1}. Fehler: ''{2}''."},
