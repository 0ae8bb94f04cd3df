/**
 * The rule catalog in Japanese, for the Japanese knowledge site: what each
 * rule protects and what right looks like. The checker's own messages stay
 * English (engineers read them in CI); readers of the Japanese site read these.
 * Examples (YAML) are shared. A test fails when a rule has no entry here.
 */
export interface RuleDocJa {
  title: string;
  why: string;
  right: string;
}

export const RULES_JA: Readonly<Record<string, RuleDocJa>> = {
  INC001: { title: '読み取れないファイル', why: 'チェッカー、サイト、SLA エンジンはすべて同じテキストを読みます。空のファイル、バイナリ、UTF-8 でないファイル、巨大なファイルはインシデントになりません。', right: 'インシデントファイルは 1 MiB 未満の UTF-8 の Markdown で、YAML のフロントマターで始まります。' },
  INC002: { title: 'フロントマターがない', why: 'インシデントの事実は YAML のフロントマターに記録します。Markdown の本文は自由な記述です。', right: 'ファイルを「---」の行で始め、YAML の項目を書き、「---」の行で閉じます。' },
  INC003: { title: 'YAML の構文エラー', why: '解析できないファイルは、チェックも公開も通知もできません。', right: '正しい YAML にします。インデントは半角スペース 2 つ、「key: value」の形、リスト項目は「- 」で始め、「: 」や「#」を含む文字列は引用符で囲み、キーを重複させません。' },
  INC004: { title: '必須項目がない', why: 'すべてのインシデントは、方針と SLA の計測に必要な事実を持ちます。', right: '項目を追加します。`npm run incident -- new` は必要な項目をすべて書き込みます。' },
  INC005: { title: '値が正しくない', why: 'サイト、API、SLA エンジンが同じ意味で読めるよう、項目の型と語彙は決まっています。', right: '示された型の値、または示された値のいずれかを使います。' },
  INC006: { title: '未知の項目', why: '綴りを誤った項目はどの読み手にも無視され、伝えるはずだった事実が失われます。', right: '文書化された項目だけを使い（incidents/README.md を参照）、綴りを直します。' },
  INC007: { title: 'オフセットのない日時', why: 'オフセットのない時刻は JST か UTC か曖昧で、SLA の計測が 9 時間ずれかねません。', right: 'オフセット付きの RFC 3339 形式で、引用符で囲んで書きます。例: "2026-11-20T10:02:00+09:00"（UTC なら末尾を Z に）。' },
  INC008: { title: 'ID がファイル名と異なる', why: 'ID はリンク、メール、台帳、監査エクスポートで使うキーです。どこでも同じ名前にします。', right: 'ID は、ファイル名から「.md」を除いたものと同じにします。' },
  INC009: { title: 'ファイルの置き場所が違う', why: 'サイトと監査エクスポートが見つけられるよう、インシデントは年ごとのフォルダーに置きます。', right: 'incidents/<YYYY>/<id>.md に置きます。YYYY は ID に含まれる年です。' },
  INC010: { title: 'ID の日付が開始日と異なる', why: 'ID の日付は、いつ始まったかを読み手に伝えます。違う日付は誤解を招きます。', right: 'ID を検知日（メンテナンスは作業開始日）の JST の日付で始めます。' },
  INC020: { title: '未知のサービス', why: 'サービスによって、窓口の営業日、SLA の目標、公開の告知先、承認者が決まります。', right: 'config/catalog.yaml にあるサービス ID を使います。' },
  INC021: { title: '未知のコンポーネント', why: 'サイトのコンポーネントの状態はインシデントから算出します。未知の ID は反映されずに失われます。', right: 'config/catalog.yaml にある、そのサービスのコンポーネント ID を、それぞれ一度だけ使います。' },
  INC022: { title: '未知の部署', why: '対応の責任は、担当部署の管理者が負います（インシデント管理の方針）。', right: 'config/catalog.yaml にある、そのサービスを担当する部署の ID を使います。' },
  INC023: { title: '管理者が部署に属していない', why: '担当部署の管理者が対応者を指名し、すべての更新の通知を受けます。', right: 'config/catalog.yaml に載っている、その部署の管理者の一人を指定します。' },
  INC030: { title: '更新の順序が逆', why: 'お客さま、SLA の計測、監査人は、経過を順に読みます。', right: '更新は時刻順に追記します。各「at」は直前の更新と同じか、それより後にします。' },
  INC031: { title: '許されない状態の変更', why: '状態は「調査中 → 原因特定 → 経過観察 → 復旧」（メンテナンスは「予定 → 実施中 → 確認中 → 完了」）の順に進みます。それ以外の動きはお客さまを混乱させます。', right: '先へ進めるか、それより前の未解決の状態に戻します。復旧の後は再開（reopen_reason を付けた調査中）だけが可能です。' },
  INC032: { title: '理由のない再開', why: '再開は SLA の数値を変え、事後レビューを必須にします。その理由は証跡です。', right: '再開する更新に reopen_reason を書きます。' },
  INC033: { title: '最初の更新より後の検知', why: 'SLA の計測は検知から始まります。検知より前に公開されたものはありえません。', right: 'detection.at を最初の更新と同時かそれより前にします。' },
  INC034: { title: '未来の時刻', why: '記録された事実が現在より後であることはありません。未来の時刻は計測を早く止めてしまいます。', right: '実際の時刻を記録します（CLI が自動で入れます）。未来に置けるのはメンテナンスの作業時間帯だけです。' },
  INC035: { title: '復旧時刻が整合しない', why: 'recovered_at は 2 時間の復旧目標の計測を止めます。経過と整合していなければなりません。', right: '復旧したインシデントの recovered_at は、検知（と再開）より後、復旧を告げる更新と同時かそれより前にします。' },
  INC036: { title: 'クローズ時刻が整合しない', why: 'インシデントをクローズするのは、ほかのすべてが終わった後です。', right: 'closed_at は、最後の更新、recovered_at、事後レビューの承認と同時かそれより後にします。' },
  INC040: { title: '顧客が指定されていない個別インシデント', why: '個別のお客さま向けのインシデントは、影響を受けたお客さまにメールで知らせます。顧客の指定がなければ誰にも届きません。', right: 'customers に、影響を受けたお客さまの識別子（cust-…）を列挙します。' },
  INC041: { title: '公開インシデントに顧客が書かれている', why: '公開インシデントはサイトに掲載されます。顧客の識別子が公開サイトに出てはなりません。', right: '公開インシデントから customers を削除するか、scope: customer にします。' },
  INC042: { title: 'インシデントファイル内のメールアドレス', why: '連絡先は非公開の名簿だけに置きます。リポジトリは顧客名簿ではありません。', right: '担当者は GitHub のログイン名で、お客さまは識別子で示します。' },
  INC050: { title: 'メンテナンスの項目', why: 'メンテナンスは計画された作業です。作業時間帯と専用の状態を持ちます。', right: 'メンテナンスは window.start < window.end の作業時間帯と、メンテナンスの状態（scheduled、in_progress、verifying、completed）を持ちます。' },
  INC051: { title: 'インシデントの項目', why: '計画外の事象には、検知の経路と時刻（計測の開始）、重大度、インシデントの状態が必要です。', right: '障害・脆弱性・セキュリティのインシデントは、severity と detection を持ち、window を持たず、状態は investigating / identified / monitoring / resolved です。' },
  INC060: { title: '早すぎるクローズ', why: 'インシデントが完了するのは、復旧し、（必要な場合）事後レビューが承認され、再発防止策が終わったときです（インシデント管理の方針）。', right: '復旧済みで、必要な事後レビューが承認され、再発防止策が完了またはリスク受容されたインシデントだけをクローズします。' },
  INC061: { title: '事後レビューの承認が不完全', why: '承認は証跡です。誰がいつ承認したかを残します。', right: '承認済みの事後レビューには approvers と approved_at を書きます。下書きやレビュー中のものにはどちらも書きません。' },
  INC062: { title: '期限切れの再発防止策', why: '再発防止策は完了するまで監視します（インシデント管理の方針）。', right: '対策を完了するか、追跡チケットに記録して期限を延ばすか、リスクを受容します（status: risk_accepted と accepted_by）。' },
  INC063: { title: '責任者のいないリスク受容', why: 'リスクの受容は管理者の判断で、監査人が抽出して確認します。', right: 'risk_accepted の対策には accepted_by を書きます。' },
  INC064: { title: '事後レビューが必要', why: 'SEV1・SEV2、セキュリティインシデント、SLA 未達、再開したインシデントは、クローズの前に事後レビューが必要です。', right: '事後レビューを記録し（postmortem: { status: draft }）、クローズの前に承認を得ます。' },
  INC070: { title: '適用できない訂正', why: '訂正は、変更した事実の監査記録です。実在する項目と、変更前後の値を示さなければなりません。', right: 'field はこのファイル内のパス（例: "detection.at"、"updates[1].message.en"）、old と new は変更前と変更後の値にします。' },
  INC080: { title: 'ID の重複', why: 'ID はサイト、台帳、メールのキーです。同じ ID の 2 つのファイルは衝突します。', right: 'インシデントごとに別の ID を付けます。' },
  INC090: { title: 'インシデントファイルの削除', why: '監査のため、インシデントの母集団は欠けてはなりません。何も削除しません。', right: 'ファイルを残します。誤報は、そう伝える更新を追加して復旧にします。' },
  INC091: { title: 'インシデントファイルの名前変更', why: 'ID（ファイル名）はメール、リンク、台帳から参照されています。', right: 'ファイル名は変えず、タイトルを変えます。' },
  INC092: { title: '変更できない項目の変更', why: '公開した事実は証跡です。黙って変えることは履歴の書き換えです。', right: '項目は元のままにし、corrections に field、old、new、reason、by を書いた訂正を追記します。' },
  INC093: { title: '公開済みの更新の削除', why: '更新は追記のみです。お客さまはすでに読んでいます。', right: '公開した更新はすべて残します。方針を改めるなら新しい更新を、誤字を直すなら訂正を追加します。' },
  INC094: { title: '訂正履歴の変更', why: '訂正は監査証跡であり、それ自体も追記のみです。', right: '既存の訂正はそのままにし、新しい訂正を追記します。' },
  INC095: { title: 'クローズ済みインシデントの変更', why: 'クローズしたインシデントは確定した証跡です。', right: 'クローズ済みのインシデントは訂正の追記だけで変更します。新たな発生は新しいインシデントにします。' },
  INC096: { title: '台帳ファイルの変更', why: '台帳は何を送ったかの記録です。監査人は、それが書き換えられないことを前提にしています。', right: 'ledger/ 配下のファイルを編集・改名・削除しません。SLA エンジンは新しいファイルを追加するだけです。' },
  INC100: { title: '事後レビューの文書がない', why: 'レビュー中または承認済みの事後レビューは、レビュアーが読み、監査人が抽出する文書です。', right: '`npm run incident -- postmortem <id>` で postmortems/<id>.md を作り、postmortem.document にそのパスを書きます。' },
  INC101: { title: '事後レビューの節がない', why: 'どの事後レビューも同じ問いに答えることで、レビューと監査で比べられます。', right: 'テンプレートの節をすべて残します: Summary、Impact、Detection、Timeline、Root causes and contributing factors、Resolution and recovery、Shared-responsibility note、Communication review、Lessons learned、Action items、SLA breach reason、Public summary、Reviewer checklist。' },
  INC102: { title: '事後レビューの節が未記入', why: 'テンプレートの仮の文は分析ではありません。', right: 'レビューに出す前（status が in_review または approved）に、TODO をすべて書き換えます。' },
  INC103: { title: 'SLA 未達の理由がない', why: '未達の目標には説明が必要です。SLA 未達は、その理由を書いた事後レビューを必須にします。', right: '「SLA breach reason」の節に、目標を達成できなかった理由を書きます。' },
};
