        {"R_connectionTimedOut","Timeout della connessione: nessuna ulteriore informazione"},
        {"R_tcpOpenFailed","{0}. Verificare le proprietà di connessione. Assicurarsi che un''istanza di SQL Server sia in esecuzione sull''host e accetti le connessioni TCP/IP alla porta. Verificare inoltre che le connessioni TCP alla porta non siano bloccate da un firewall."},
        {"R_noServerResponse","Nessuna risposta restituita da SQL Server. La connessione è stata chiusa."},
        {"R_tcpipConnectionFailed","La connessione TCP/IP all''host {0}, porta {1} non è riuscita. Errore: \"{2}\"."},
