//! 中文帮助: the Chinese texts of the command lines' help ([`super::help`]).
//!
//! Keys: a command's path (`"juwei register import"`) for its about, and
//! `path:id` for an argument (`"juwei check:plan"`, the id being the field's
//! name). The English texts are the doc comments of the derive structs. The
//! tests (`tests/help_lang.rs`) fail on a command or argument without an
//! entry here, on an entry that names nothing, and on English words left in
//! the Chinese help; `[默认: …]` and `[可选值: …]` are added by
//! [`super::help`], not written here.

use super::help::Catalogue;

/// The entries of `juwei`, and those of the commands a feature adds.
macro_rules! juwei_entries {
    ($($extra:expr,)*) => { &[
    ("juwei", "居委会用房平面图与固定资产台账检查 (依据静安区 2017 年标准)"),
    ("juwei:lang", "提示与帮助的语言: zh (中文) 或 en (英文)"),
    ("juwei:no_color", "不使用颜色 (即使在终端上)"),
    // check
    ("juwei check", "检查一个平面图是否符合标准"),
    ("juwei check:plan", "平面图文件 (平面图格式 1, RON)"),
    (
        "juwei check:previous",
        "上一修订版平面图: 增加比较修订版的规则 (A2-1.4, A2-1.4a, A1-3.6.1, A1-3.6.2)",
    ),
    (
        "juwei check:register",
        "固定资产台账 (台账格式 1): 增加 A2-6.4、G03 的资产关联及台账规则 (附件1 3.6.3、3.4.4), 以 --date 为准",
    ),
    (
        "juwei check:date",
        "检查日期 (YYYY-MM-DD): 台账的状态与已结束的年度以这一天为准; 默认今天",
    ),
    ("juwei check:profile", "规则配置 (RON); 默认: 内置的静安区 2017 年标准"),
    ("juwei check:format", "输出格式 (html: 可打印的独立网页)"),
    ("juwei check:output", "写入文件 (原子写入), 而不是标准输出"),
    // audit
    ("juwei audit", "审计文件夹中所有居委会的平面图"),
    ("juwei audit:dir", "街道或区的平面图文件夹 (含子文件夹)"),
    ("juwei audit:format", "输出格式 (xlsx 须用 -o)"),
    ("juwei audit:output", "写入文件 (原子写入), 而不是标准输出"),
    ("juwei audit:profile", "规则配置 (RON); 默认: 内置的静安区 2017 年标准"),
    ("juwei audit:date", "检查日期 (YYYY-MM-DD), 用于平面图旁的台账; 默认今天"),
    ("juwei audit:no_progress", "不显示进度条"),
    (
        "juwei audit:previous",
        "上一次检查的文件夹 (上季度或去年的): 各居委会的已整改 / 未整改 / 新增, 以及趋势",
    ),
    // diff
    ("juwei diff", "比较一个平面图的两个修订版"),
    ("juwei diff:old", "原平面图 (当前 / 上一修订版)"),
    ("juwei diff:new", "新平面图 (改造方案 / 新修订版)"),
    ("juwei diff:format", "输出格式"),
    ("juwei diff:output", "写入文件 (原子写入), 而不是标准输出"),
    ("juwei diff:profile", "规则配置 (RON); 默认: 内置的静安区 2017 年标准"),
    // report
    ("juwei report", "批量生成各居委会的报告与索引页"),
    ("juwei report:dir", "街道或区的平面图文件夹 (含子文件夹)"),
    (
        "juwei report:output",
        "输出文件夹 (不存在时创建): 每个居委会一个 HTML 页面, 另有索引页 index.html",
    ),
    ("juwei report:profile", "规则配置 (RON); 默认: 内置的静安区 2017 年标准"),
    (
        "juwei report:date",
        "检查日期 (YYYY-MM-DD), 用于台账与整改状态文件; 默认今天",
    ),
    // sample
    ("juwei sample", "生成示例居委会 (仿真数据)"),
    (
        "juwei sample:dir",
        "输出文件夹 (不存在时创建; 平面图写入 文件夹/街道/编号.ron)",
    ),
    ("juwei sample:committees", "居委会数量"),
    ("juwei sample:seed", "随机种子: 相同的种子生成相同的文件夹"),
    ("juwei sample:broken", "故意损坏的平面图文件数 (用于演示)"),
    (
        "juwei sample:previous_share",
        "附带上一修订版 (名称.previous.ron) 的居委会比例 (0–1)",
    ),
    // rules
    ("juwei rules", "规则目录, 或一条规则及其引用的条文"),
    (
        "juwei rules:query",
        "规则编号 (不分大小写: a2-6.3)、规则简称或标题中的词 (重点改善); 不给时列出全部规则",
    ),
    ("juwei rules:format", "输出格式"),
    // register
    (
        "juwei register",
        "固定资产台账: 某日的账、一项资产的记录、卡片台账 (xlsx)",
    ),
    ("juwei register:register", "固定资产台账 (台账格式 1, RON)"),
    (
        "juwei register:date",
        "查看哪一天的账 (YYYY-MM-DD); 默认今天。与 --check 一起时: 检查日期",
    ),
    ("juwei register:room", "只列此存放地点 (房间编号)"),
    ("juwei register:custodian", "只列此保管人"),
    (
        "juwei register:status",
        "所列卡片的状态: in-use 在用, written-off 已报损, transferred-out 已调出, gone 已报损或调出, all 全部",
    ),
    ("juwei register:asset", "一项资产的全部记录"),
    ("juwei register:seal", "一枚印章的保管人、保管情况、变更与用印登记"),
    ("juwei register:check", "按附件1 3.6.3、3.4 检查台账 (台账规则)"),
    (
        "juwei register:changes",
        "某年度的固定资产增减变动表 (年初、增加、减少、年末); --date: 读账的日期 (默认今天)",
    ),
    ("juwei register:profile", "规则配置 (RON); 默认: 内置的静安区 2017 年标准"),
    ("juwei register:format", "输出格式 (xlsx: 卡片台账, 须用 -o)"),
    ("juwei register:output", "写入文件 (原子写入), 而不是标准输出"),
    (
        "juwei register import",
        "把 Excel 固定资产台账 (每行一张卡片) 导入为台账文件 (入账事件)",
    ),
    (
        "juwei register import:ledger",
        "现有的固定资产台账 (.xlsx 或 .csv, 每行一张卡片)",
    ),
    (
        "juwei register import:output",
        "新台账文件 (名称.register.ron); 不会覆盖已有的台账",
    ),
    ("juwei register import:committee", "居委会编号 (JA-SM2-007)"),
    (
        "juwei register import:map",
        "表头对应的字段: 表头=字段 (字段: asset, name, spec, count, unit_value, value, date, source, location, custodian, category, note, ignore); 可重复",
    ),
    (
        "juwei register import:plan",
        "平面图 (用于房间名称); 默认: 名称.register.ron 旁的 名称.ron",
    ),
    // record
    ("juwei record", "记一笔: 向台账追加一个事件"),
    ("juwei record:register", "固定资产台账 (台账格式 1, RON), 就地修改"),
    (
        "juwei record:date",
        "事件日期 (2025-06-10、2025/6/10 或 2025年6月10日); 默认今天",
    ),
    (
        "juwei record:plan",
        "平面图 (用于房间名称); 默认: 名称.register.ron 旁的 名称.ron",
    ),
    ("juwei record:dry_run", "只显示将记录的事件, 不写入"),
    ("juwei record acquire", "入账: 添置、自制、调拨、受赠、盘盈"),
    (
        "juwei record acquire:asset",
        "资产编号; 默认: 台账编号序列的下一个 (ZC-0023)",
    ),
    (
        "juwei record acquire:source",
        "取得方式: purchase 添置/购置 | self-made 自制 | transfer-in 调拨 | donation 受赠 | surplus 盘盈",
    ),
    ("juwei record acquire:name", "资产名称"),
    (
        "juwei record acquire:kind",
        "平面图中的物品种类 (电脑、打印机…; 也可写英文种类名)",
    ),
    ("juwei record acquire:category", "分类代码 (GB/T 14885-2022)"),
    (
        "juwei record acquire:special",
        "专用设备 (卡片的类别, 显示在台账工作簿中)",
    ),
    ("juwei record acquire:unit_value", "单价, 单位: 元 (5680 或 5,680.00)"),
    ("juwei record acquire:unit_value_fen", "单价, 单位: 分 (568000), 与文件中相同"),
    ("juwei record acquire:count", "数量 (一批同类物品为一张卡片)"),
    ("juwei record acquire:custodian", "保管人"),
    (
        "juwei record acquire:location",
        "存放地点: 平面图的房间编号或名称 (R1, 办公室, \"R1 办公室\")",
    ),
    ("juwei record move", "变更存放地点"),
    ("juwei record move:asset", "资产编号"),
    ("juwei record move:to", "新存放地点: 房间编号或名称"),
    ("juwei record custodian", "变更保管人"),
    ("juwei record custodian:asset", "资产编号"),
    ("juwei record custodian:to", "新保管人"),
    ("juwei record transfer-out", "调出"),
    ("juwei record transfer-out:asset", "资产编号"),
    ("juwei record transfer-out:to", "调入单位 (居委会编号或名称)"),
    ("juwei record transfer-out:approval", "批准文号"),
    (
        "juwei record transfer-out:count",
        "调出数量 (一批中的一部分); 默认整张卡片",
    ),
    ("juwei record write-off", "报损"),
    ("juwei record write-off:asset", "资产编号"),
    ("juwei record write-off:reason", "报损原因"),
    ("juwei record write-off:approval", "批准文号"),
    (
        "juwei record write-off:count",
        "报损数量 (一批中的一部分); 默认整张卡片",
    ),
    ("juwei record stocktake", "年底清点"),
    (
        "juwei record stocktake:year",
        "盘点年度; 默认日期所在的年度 (一月或二月的盘点为上一年度)",
    ),
    ("juwei record stocktake:sheet", "盘点表文件 (在台账旁)"),
    ("juwei record stocktake:by", "盘点人 (可重复)"),
    ("juwei record term-change", "换届选举"),
    ("juwei record term-change:election", "选举日期; 默认事件日期"),
    ("juwei record handover", "换届移交"),
    ("juwei record handover:outgoing", "移交人"),
    ("juwei record handover:incoming", "接收人"),
    (
        "juwei record handover:assets",
        "移交的资产 (可重复); 默认当日所有在用的卡片",
    ),
    (
        "juwei record handover:seal",
        "印章移交日期; 只写 --seal 时: 事件日期",
    ),
    ("juwei record seal-made", "印章刻制"),
    ("juwei record seal-made:seal", "印章编号 (S1)"),
    ("juwei record seal-made:name", "印文 (如 华业居委会)"),
    ("juwei record seal-made:keeper", "保管人"),
    ("juwei record seal-made:street_ref", "街道文号"),
    ("juwei record seal-keeper", "变更印章保管人"),
    ("juwei record seal-keeper:seal", "印章编号"),
    ("juwei record seal-keeper:to", "新保管人"),
    ("juwei record seal-use", "用印登记"),
    ("juwei record seal-use:seal", "印章编号"),
    ("juwei record seal-use:matter", "用印事项 (附件5 清单序号)"),
    ("juwei record seal-use:approved_by", "审批人"),
    ("juwei record seal-use:purpose", "用途 (如 寄宿证明 王某某)"),
    ("juwei record seal-change", "印章更换、变更、销毁"),
    ("juwei record seal-change:seal", "印章编号"),
    (
        "juwei record seal-change:change",
        "replace 更换 | alter 变更 | destroy 销毁",
    ),
    ("juwei record seal-change:street_ref", "街道文号"),
    ("juwei record seal-change:name", "新印文 (用于 replace 或 alter)"),
    ("juwei record recall", "届内集体罢免, 印章交街道"),
    ("juwei record recall:street_ref", "街道文号"),
    ("juwei record seal-custody", "印章交街道代管或交回居委会"),
    ("juwei record seal-custody:seal", "印章编号"),
    (
        "juwei record seal-custody:to",
        "street 街道代管 | committee 交回居委会",
    ),
    // stocktake
    ("juwei stocktake", "年底清点: 盘点表与账面核对"),
    ("juwei stocktake:register", "固定资产台账 (台账格式 1, RON)"),
    ("juwei stocktake:sheet", "盘点表 (.csv, 或 .xlsx/.xls/.ods)"),
    (
        "juwei stocktake:date",
        "盘点日期 (YYYY-MM-DD): 以这一天的账为准; 默认盘点表上的盘点日期, 否则今天",
    ),
    (
        "juwei stocktake:plan",
        "平面图 (用于盘点表中的房间名称); 默认: 名称.register.ron 旁的 名称.ron",
    ),
    ("juwei stocktake:format", "输出格式 (xlsx 须用 -o)"),
    (
        "juwei stocktake:output",
        "写入文件 (原子写入), 而不是标准输出; -o - 为标准输出",
    ),
    (
        "juwei stocktake:apply",
        "将盘点结果记入台账 (盘点事件及了结它的各事件)",
    ),
    ("juwei stocktake:yes", "不询问, 直接记入 (用于脚本)"),
    (
        "juwei stocktake:approval",
        "盘亏的批准文号: 给出时每项盘亏记为报损 (或调出)",
    ),
    ("juwei stocktake:shortage", "盘亏记为 write-off 报损 或 transfer-out 调出"),
    ("juwei stocktake:to", "调出至 (与 --shortage transfer-out 一起用)"),
    ("juwei stocktake:reason", "报损原因 (默认: 盘亏)"),
    ("juwei stocktake:by", "盘点人 (可重复), 记入盘点事件"),
    (
        "juwei stocktake:surplus",
        "盘盈入账: 行号=编号[:单价元], 用于盘点表该行的盘盈 (默认: 下一个编号、账面单价或 0)",
    ),
    // handover
    ("juwei handover", "换届移交清单 (xlsx)"),
    ("juwei handover:register", "固定资产台账 (台账格式 1, RON)"),
    ("juwei handover:date", "移交日期 (YYYY-MM-DD); 默认今天"),
    ("juwei handover:outgoing", "移交人 (当日的移交事件未写明时)"),
    ("juwei handover:incoming", "接收人 (当日的移交事件未写明时)"),
    ("juwei handover:output", "输出文件 (.xlsx, 原子写入)"),
    // labels
    ("juwei labels", "资产标签 (带二维码, 印在 A4 标签纸上)"),
    ("juwei labels:register", "固定资产台账 (台账格式 1, RON)"),
    (
        "juwei labels:output",
        "输出文件: .svg (每张 A4 纸一个) 或 .html (全部标签纸)",
    ),
    ("juwei labels:date", "哪一天在用的资产 (YYYY-MM-DD); 默认今天"),
    ("juwei labels:room", "只印此存放地点的标签 (房间编号)"),
    ("juwei labels:assets", "只印这些资产的标签 (可重复)"),
    (
        "juwei labels:grid",
        "标签纸规格: A4 纸上的 列数x行数 (3x8: 每张标签 70 × 37 mm)",
    ),
    ("juwei labels:no_outline", "不画标签轮廓线 (用于预切的标签纸)"),
    // import
    ("juwei import", "从 CAD 图纸 (DXF) 导入平面图"),
    ("juwei import:drawing", "DXF 图纸"),
    (
        "juwei import:output",
        "输出的平面图文件 (默认: 与图纸同名的 .ron)",
    ),
    ("juwei import:force", "覆盖已存在的平面图文件"),
    (
        "juwei import:room_layers",
        "房间图层 (名称包含即可, 不分大小写; =名称: 须完全相同; 可重复; 替换默认的 ROOM SPACE AREA 房间 空间 面积)",
    ),
    (
        "juwei import:keywords",
        "关键词表文件 (RON, 见 docs/dxf-keywords.ron)",
    ),
    (
        "juwei import:door_blocks",
        "门图块名称 (包含即可; 可重复; 替换默认的 DOOR 门 DORLIB)",
    ),
    (
        "juwei import:wall_layers",
        "墙线图层 (包含即可; 可重复; 替换默认的 WALL 墙 牆 WAND MUR 壁)",
    ),
    (
        "juwei import:from_walls",
        "由墙线围合房间 (即使房间图层上有闭合轮廓); 可跟墙线图层名",
    ),
    (
        "juwei import:level",
        "图纸所示楼层, 即各房间所在的楼层: 0 底层, 1 二层, -1 地下室",
    ),
    (
        "juwei import:units",
        "图纸单位, 覆盖 $INSUNITS: mm cm dm m in ft",
    ),
    ("juwei import:code", "居委会编号 (默认: 图纸文件名)"),
    ("juwei import:name", "居委会名称 (默认: 图纸文件名)"),
    ("juwei import:street", "所属街道"),
    ("juwei import:address", "地址"),
    (
        "juwei import:estate",
        "小区类型: new (新建住宅小区, 默认) 或 old (旧小区)",
    ),
    ("juwei import:street_facing", "临街"),
    (
        "juwei import:floor",
        "各房间地面: other (其他, 默认, 待核实) 或 anti-slip (防滑)",
    ),
    ("juwei import:date", "修订日期; 默认今天"),
    ("juwei import:format", "输出格式"),
    // plan
    ("juwei plan", "打开平面图编辑器 (桌面程序)"),
    ("juwei plan:file", "要打开的平面图 (平面图格式 1, RON)"),
    (
        "juwei plan:screenshot",
        "打开平面图、适合窗口、截图保存为 PNG 后退出",
    ),
    $($extra,)*
    ] };
}

/// The Chinese texts of `juwei`.
#[cfg(not(feature = "server"))]
pub const JUWEI: Catalogue = juwei_entries!();

/// The Chinese texts of `juwei`, with `juwei serve`.
#[cfg(feature = "server")]
pub const JUWEI: Catalogue = juwei_entries!(
    (
        "juwei serve",
        "区里运行的共享台账: 网页服务器 (SQLite 或 PostgreSQL)"
    ),
    (
        "juwei serve:db",
        "数据库: SQLite 文件 (不存在时新建) 或 postgres://用户@主机/库",
    ),
    ("juwei serve:listen", "监听的地址"),
    (
        "juwei serve:secure_cookies",
        "会话 Cookie 加 Secure 标记 (前面有 TLS 代理时)",
    ),
    ("juwei serve user", "用户: 添加用户"),
    ("juwei serve user add", "添加用户; 密码从标准输入读取"),
    ("juwei serve user add:name", "登录名"),
    ("juwei serve user add:role", "角色"),
    ("juwei serve user add:committee", "居委会代码 (居委会用户)"),
    ("juwei serve user add:street", "街道名称 (街道用户)"),
    (
        "juwei serve user add:password_stdin",
        "从标准输入读取密码 (第一行)",
    ),
    (
        "juwei serve import",
        "导入居委会文件夹 (平面图、台账、盘点表、整改状态)",
    ),
    (
        "juwei serve import:dir",
        "文件夹 (与 juwei audit 读取的相同)"
    ),
    ("juwei serve import:by", "导入的事件记为此人录入"),
    (
        "juwei serve export",
        "把所有居委会的文件按命令行的格式写到文件夹"
    ),
    ("juwei serve export:dir", "文件夹 (不存在时新建)"),
);

/// The Chinese texts of `juwei-planner`.
pub const PLANNER: Catalogue = &[
    (
        "juwei-planner",
        "居委平面图编辑器: 编辑用房平面图, 实时查看检查结果",
    ),
    ("juwei-planner:file", "要打开的平面图 (平面图格式 1, RON)"),
    (
        "juwei-planner:screenshot",
        "打开平面图、适合窗口、截图保存为 PNG 后退出",
    ),
    (
        "juwei-planner:lang",
        "本次运行的界面语言: zh 或 en (默认: 上次保存的选择)",
    ),
    ("juwei-planner:select", "启动时选中该房间 (例如用于截图)"),
    ("juwei-planner:register_panel", "启动时打开资产台账窗口"),
    (
        "juwei-planner:level",
        "启动时显示的楼层: 0 底层, 1 二层, -1 地下室",
    ),
    (
        "juwei-planner:profile",
        "检查所用的规则配置 (默认: 内置的静安区 2017 年标准)",
    ),
];

/// Value names (`<PLAN>`) in Chinese help, by their English name.
macro_rules! value_names {
    ($($extra:expr,)*) => { &[
    ("PLAN", "平面图"),
    ("PLAN.ron", "平面图.ron"),
    ("OUT.png", "输出.png"),
    ("PREVIOUS", "上一修订版"),
    ("REGISTER", "台账"),
    ("DATE", "日期"),
    ("PROFILE", "规则配置"),
    ("FORMAT", "格式"),
    ("OUTPUT", "输出"),
    ("DIR", "文件夹"),
    ("OLD_DIR", "旧文件夹"),
    ("OUTDIR", "输出文件夹"),
    ("OLD", "原平面图"),
    ("NEW", "新平面图"),
    ("OUTGOING", "移交人"),
    ("INCOMING", "接收人"),
    ("DRAWING", "图纸"),
    ("NAME", "名称"),
    ("FILE", "文件"),
    ("LAYER", "图层"),
    ("UNIT", "单位"),
    ("CODE", "编号"),
    ("STREET", "街道"),
    ("ADDRESS", "地址"),
    ("ESTATE", "小区类型"),
    ("FLOOR", "地面"),
    ("ROOM", "房间"),
    ("ASSET", "资产"),
    ("ASSETS", "资产"),
    ("GRID", "规格"),
    ("SEAL", "印章"),
    ("KEEPER", "保管人"),
    ("STREET_REF", "文号"),
    ("TO", "去向"),
    ("MATTER", "事项"),
    ("APPROVED_BY", "审批人"),
    ("PURPOSE", "用途"),
    ("CHANGE", "变更"),
    ("SOURCE", "取得方式"),
    ("KIND", "种类"),
    ("CATEGORY", "分类代码"),
    ("UNIT_VALUE", "元"),
    ("UNIT_VALUE_FEN", "分"),
    ("COUNT", "数量"),
    ("CUSTODIAN", "保管人"),
    ("LOCATION", "存放地点"),
    ("APPROVAL", "批准文号"),
    ("REASON", "原因"),
    ("YEAR", "年度"),
    ("SHEET", "盘点表"),
    ("BY", "盘点人"),
    ("ELECTION", "选举日期"),
    ("STATUS", "状态"),
    ("LEDGER", "台账文件"),
    ("COMMITTEE", "居委会编号"),
    ("COMMITTEES", "数量"),
    ("MAP", "表头=字段"),
    ("CODE|WORDS", "编号|词语"),
    ("SEED", "种子"),
    ("BROKEN", "数量"),
    ("PREVIOUS_SHARE", "比例"),
    ("SHORTAGE", "记为"),
    ("SURPLUS", "行号=编号"),
    ("LANG", "语言"),
    $($extra,)*
    ] };
}

/// Value names in Chinese.
#[cfg(not(feature = "server"))]
pub const VALUE_NAMES: Catalogue = value_names!();

/// Value names in Chinese, with those of `juwei serve`.
#[cfg(feature = "server")]
pub const VALUE_NAMES: Catalogue =
    value_names!(("DB", "数据库"), ("LISTEN", "地址"), ("ROLE", "角色"),);
