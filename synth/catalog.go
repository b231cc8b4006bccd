package synth

import "gongkai/budget"

// The classification codes and names the synthetic departments use. They
// are real codes of 政府收支分类科目 (function 类/款/项, economic 款), the
// ones the seed disclosures print (210 卫生健康支出 › 21015 医疗保障管理事务
// › 2101501 行政运行, 2080505 机关事业单位基本养老保险缴费支出, 2210201
// 住房公积金, 30101 基本工资 …) and their neighbours for other kinds of
// department.

// agency is a kind of department: its name, its own function 款 and the
// 项 it spends on.
type agency struct {
	suffix   string     // 医疗保障局
	kuan     []codeName // the 款 it spends under (with names)
	admin    string     // 行政运行 项 of its main 款
	service  string     // 事业运行 项, "" when it has no institutions
	business []codeName // 项 its projects are booked to
	projects []string   // project names
	scale    float64    // relative size of its projects
}

type codeName struct{ code, name string }

var agencies = []agency{
	{suffix: "医疗保障局", kuan: []codeName{{"21015", "医疗保障管理事务"}, {"21013", "医疗救助"}},
		admin: "2101501", service: "2101550",
		business: []codeName{{"2101502", "一般行政管理事务"}, {"2101504", "信息化建设"}, {"2101505", "医疗保障政策管理"},
			{"2101506", "医疗保障经办事务"}, {"2101301", "城乡医疗救助"}},
		projects: []string{"医疗救助资金", "医保基金监管", "智慧医保建设", "医保经办服务", "医保政策宣传"}, scale: 3},
	{suffix: "财政局", kuan: []codeName{{"20106", "财政事务"}},
		admin: "2010601", service: "2010650",
		business: []codeName{{"2010602", "一般行政管理事务"}, {"2010607", "信息化建设"}, {"2010608", "财政委托业务支出"}},
		projects: []string{"预算管理一体化系统运维", "财政投资评审", "政府采购监管", "国有资产管理", "财政票据管理"}, scale: 1.5},
	{suffix: "审计局", kuan: []codeName{{"20108", "审计事务"}},
		admin: "2010801", service: "2010850",
		business: []codeName{{"2010802", "一般行政管理事务"}, {"2010804", "审计业务"}},
		projects: []string{"审计业务经费", "聘请中介机构审计", "审计信息化建设"}, scale: 0.6},
	{suffix: "统计局", kuan: []codeName{{"20105", "统计信息事务"}},
		admin: "2010501", service: "2010550",
		business: []codeName{{"2010505", "专项统计业务"}, {"2010507", "专项普查活动"}, {"2010508", "统计抽样调查"}},
		projects: []string{"经济普查", "人口抽样调查", "统计数据采集"}, scale: 0.6},
	{suffix: "人民政府办公室", kuan: []codeName{{"20103", "政府办公厅（室）及相关机构事务"}},
		admin: "2010301", service: "2010350",
		business: []codeName{{"2010302", "一般行政管理事务"}, {"2010303", "机关服务"}, {"2010399", "其他政府办公厅（室）及相关机构事务支出"}},
		projects: []string{"政务服务平台运维", "机关后勤保障", "政务公开", "应急值守"}, scale: 1},
	{suffix: "发展和改革局", kuan: []codeName{{"20104", "发展与改革事务"}},
		admin: "2010401", service: "2010450",
		business: []codeName{{"2010402", "一般行政管理事务"}, {"2010404", "战略规划与实施"}, {"2010408", "物价管理"}},
		projects: []string{"规划编制", "重点项目前期工作", "价格监测"}, scale: 0.8},
	{suffix: "市场监督管理局", kuan: []codeName{{"20138", "市场监督管理事务"}},
		admin: "2013801", service: "2013850",
		business: []codeName{{"2013804", "市场主体管理"}, {"2013805", "市场秩序执法"}, {"2013810", "质量基础"}, {"2013812", "药品事务"}, {"2013816", "食品安全监管"}},
		projects: []string{"食品安全抽检", "特种设备安全监察", "计量检定", "知识产权保护", "市场秩序整治"}, scale: 1},
	{suffix: "公安局", kuan: []codeName{{"20402", "公安"}},
		admin: "2040201", service: "2040250",
		business: []codeName{{"2040202", "一般行政管理事务"}, {"2040219", "信息化建设"}, {"2040220", "执法办案"}, {"2040221", "特别业务"}},
		projects: []string{"公安信息化建设", "执法办案经费", "交通管理", "辅警经费", "监所运行"}, scale: 4},
	{suffix: "教育局", kuan: []codeName{{"20501", "教育管理事务"}, {"20502", "普通教育"}},
		admin: "2050101", service: "2050150",
		business: []codeName{{"2050102", "一般行政管理事务"}, {"2050201", "学前教育"}, {"2050202", "小学教育"}, {"2050203", "初中教育"}, {"2050204", "高中教育"}},
		projects: []string{"学前教育发展", "义务教育公用经费", "校舍维修改造", "学生资助", "教师培训"}, scale: 6},
	{suffix: "科学技术局", kuan: []codeName{{"20601", "科学技术管理事务"}, {"20604", "技术研究与开发"}},
		admin: "2060101", service: "2060150",
		business: []codeName{{"2060102", "一般行政管理事务"}, {"2060499", "其他技术研究与开发支出"}},
		projects: []string{"科技计划项目", "科技创新平台建设", "科普活动"}, scale: 1.2},
	{suffix: "文化和旅游局", kuan: []codeName{{"20701", "文化和旅游"}},
		admin: "2070101", service: "2070150",
		business: []codeName{{"2070104", "图书馆"}, {"2070109", "群众文化"}, {"2070111", "文化创作与保护"}, {"2070112", "文化和旅游市场管理"}},
		projects: []string{"公共文化服务", "文物保护", "旅游宣传推广", "非遗保护传承"}, scale: 1},
	{suffix: "人力资源和社会保障局", kuan: []codeName{{"20801", "人力资源和社会保障管理事务"}},
		admin: "2080101", service: "2080150",
		business: []codeName{{"2080105", "劳动保障监察"}, {"2080106", "就业管理事务"}, {"2080109", "社会保险经办机构"}},
		projects: []string{"就业创业服务", "劳动保障监察执法", "人才引进", "职业技能培训"}, scale: 1.5},
	{suffix: "民政局", kuan: []codeName{{"20802", "民政管理事务"}, {"20810", "社会福利"}},
		admin: "2080201", service: "2080250",
		business: []codeName{{"2080208", "基层政权建设和社区治理"}, {"2081002", "老年福利"}, {"2081004", "殡葬"}},
		projects: []string{"养老服务体系建设", "社区治理", "殡葬改革", "社会救助"}, scale: 2},
	{suffix: "卫生健康委员会", kuan: []codeName{{"21001", "卫生健康管理事务"}, {"21004", "公共卫生"}},
		admin: "2100101", service: "2100150",
		business: []codeName{{"2100102", "一般行政管理事务"}, {"2100408", "基本公共卫生服务"}, {"2100409", "重大公共卫生服务"}},
		projects: []string{"基本公共卫生服务", "重大疾病防控", "卫生应急", "家庭医生签约服务"}, scale: 3},
	{suffix: "生态环境局", kuan: []codeName{{"21101", "环境保护管理事务"}, {"21103", "污染防治"}},
		admin: "2110101", service: "2110150",
		business: []codeName{{"2110104", "生态环境保护宣传"}, {"2110301", "大气"}, {"2110302", "水体"}},
		projects: []string{"大气污染防治", "水污染防治", "环境监测", "环保督察整改"}, scale: 1.5},
	{suffix: "城市管理局", kuan: []codeName{{"21201", "城乡社区管理事务"}, {"21205", "城乡社区环境卫生"}},
		admin: "2120101", service: "2120150",
		business: []codeName{{"2120104", "城管执法"}, {"2120501", "城乡社区环境卫生"}},
		projects: []string{"城市环境卫生保洁", "市政设施维护", "城管执法", "园林绿化养护"}, scale: 3},
	{suffix: "农业农村局", kuan: []codeName{{"21301", "农业农村"}},
		admin: "2130101", service: "2130104",
		business: []codeName{{"2130108", "病虫害控制"}, {"2130122", "农业生产发展"}, {"2130126", "农村社会事业"}},
		projects: []string{"高标准农田建设", "农业技术推广", "动物疫病防控", "乡村振兴示范"}, scale: 3},
	{suffix: "水利局", kuan: []codeName{{"21303", "水利"}},
		admin: "2130301", service: "2130304",
		business: []codeName{{"2130306", "水利工程运行与维护"}, {"2130310", "水土保持"}, {"2130311", "水资源节约管理与保护"}},
		projects: []string{"水利工程维修养护", "河湖长制", "防汛抗旱", "农村饮水安全"}, scale: 2.5},
	{suffix: "交通运输局", kuan: []codeName{{"21401", "公路水路运输"}},
		admin: "2140101", service: "2140150",
		business: []codeName{{"2140104", "公路建设"}, {"2140106", "公路养护"}, {"2140112", "公路运输管理"}},
		projects: []string{"农村公路养护", "公路建设", "道路运输管理", "交通安全整治"}, scale: 4},
	{suffix: "应急管理局", kuan: []codeName{{"22401", "应急管理事务"}},
		admin: "2240101", service: "2240150",
		business: []codeName{{"2240106", "安全监管"}, {"2240108", "应急救援"}, {"2240109", "应急管理"}},
		projects: []string{"安全生产监管", "应急物资储备", "应急救援队伍建设"}, scale: 1},
	{suffix: "林业局", kuan: []codeName{{"21302", "林业和草原"}},
		admin: "2130201", service: "2130204",
		business: []codeName{{"2130209", "森林资源培育"}, {"2130234", "林业草原防灾减灾"}},
		projects: []string{"森林防火", "国土绿化", "林业有害生物防治"}, scale: 1.5},
	{suffix: "档案馆", kuan: []codeName{{"20126", "档案事务"}},
		admin: "2012601", service: "2012650",
		business: []codeName{{"2012604", "档案馆"}},
		projects: []string{"档案数字化", "档案征集保护"}, scale: 0.4},
}

// classNames are the names of the function 类 the agencies use.
var classNames = map[string]string{
	"201": "一般公共服务支出", "204": "公共安全支出", "205": "教育支出", "206": "科学技术支出",
	"207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出", "211": "节能环保支出",
	"212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出", "221": "住房保障支出", "224": "灾害防治及应急管理支出",
}

// The 款 and 项 every department has for its staff.
var (
	pensionKuan = codeName{"20805", "行政事业单位养老支出"}
	medicalKuan = codeName{"21011", "行政事业单位医疗"}
	housingKuan = codeName{"22102", "住房改革支出"}
	retirees    = codeName{"2080501", "行政单位离退休"}
	pension     = codeName{"2080505", "机关事业单位基本养老保险缴费支出"}
	annuity     = codeName{"2080506", "机关事业单位职业年金缴费支出"}
	adminMed    = codeName{"2101101", "行政单位医疗"}
	serviceMed  = codeName{"2101102", "事业单位医疗"}
	civilMed    = codeName{"2101103", "公务员医疗补助"}
	fund        = codeName{"2210201", "住房公积金"}
)

// economic 款 names, as printed in 一般公共预算基本支出表.
var economicNames = map[string]string{
	"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出",
	"30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
	"30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费", "30110": "职工基本医疗保险缴费",
	"30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出",
	"30201": "办公费", "30202": "印刷费", "30205": "水费", "30206": "电费", "30207": "邮电费", "30209": "物业管理费",
	"30211": "差旅费", "30213": "维修（护）费", "30215": "会议费", "30216": "培训费", "30217": "公务接待费",
	"30218": "专用材料费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
	"30231": "公务用车运行维护费", "30239": "其他交通费用", "30299": "其他商品和服务支出",
	"30302": "退休费", "30305": "生活补助", "30399": "其他对个人和家庭的补助",
	"31002": "办公设备购置", "31007": "信息网络及软件购置更新", "31013": "公务用车购置",
}

// projectEconomic are the economic 款 project money goes to.
var projectEconomic = []string{"30227", "30226", "30213", "30218", "30299", "31002", "31007", "30201", "30211"}

// names returns the Names entries of a department's data: every 类 and
// 款 it uses, so each is printed with the same name every year whatever
// the built-in list says.
func names(a agency) []budget.CodeName {
	var out []budget.CodeName
	seen := map[string]bool{}
	add := func(code, name string) {
		if !seen[code] {
			seen[code] = true
			out = append(out, budget.CodeName{Code: code, Name: name})
		}
	}
	for _, k := range append([]codeName{pensionKuan, medicalKuan, housingKuan}, a.kuan...) {
		add(k.code[:3], classNames[k.code[:3]])
		add(k.code, k.name)
	}
	for code, name := range economicNames {
		add(code, name)
	}
	return out
}

// Region names: a stem of two characters and a level. The stems are
// made up; together they give thousands of distinct places.
var (
	stemA  = []rune("青白云金石东西南北长安新平永宁清泰江河山阳春华德兴福和康丰广定昌乐常龙凤桃松柏兰")
	stemB  = []rune("山水城川林州原溪湖峰阳泉田岭口桥台坪源沙河门塘坝屯")
	levels = []string{"市", "县", "区"}
)

// regionName returns the name of region i: 青山市, 白水县, … and, past the
// plain names, districts of cities (青山市东城区).
func regionName(i int) string {
	n := len(stemA) * len(stemB) * len(levels)
	name := func(j int) string {
		a := stemA[j%len(stemA)]
		b := stemB[(j/len(stemA))%len(stemB)]
		l := levels[(j/(len(stemA)*len(stemB)))%len(levels)]
		return string(a) + string(b) + l
	}
	if i < n {
		return name(i)
	}
	// Districts: a city, then a district stem.
	city := (i / n) - 1
	c := string(stemA[city%len(stemA)]) + string(stemB[(city/len(stemA))%len(stemB)]) + "市"
	return c + name(i%n)
}
