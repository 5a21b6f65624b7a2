        {"R_connectionTimedOut","接続のタイムアウト: 詳細情報なし"},
        {"R_tcpOpenFailed","{0}。接続プロパティを調べて、SQL Server のインスタンスがホスト上で実行されていて、ポートへの TCP/IP 接続が許可されており、そのポートへの TCP 接続がファイアウォールにブロックされていないことを確認してください。"},
        {"R_noServerResponse","SQL Server が応答を返しませんでした。接続が閉じられました。"},
        {"R_tcpipConnectionFailed","ホスト {0}、ポート {1} への TCP/IP 接続が失敗しました。エラー: \"{2}\"。"},
