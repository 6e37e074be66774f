# harness/runner/src/steps/open_ecosystem/uniform_checkout.rs：写入路径（结账）上的统一规则（OE-15）。

steps-oe-uniform-checkout-precondition = 无法建立结账比较：{ $problem }
steps-oe-uniform-checkout-no-well-known-app = 应用身份语料库中没有任何应用同时具有 display_name、software_id 和 site：未比较以知名应用元数据注册的客户端
steps-oe-uniform-checkout-not-registered = 无法注册带有 { $app } 元数据的客户端（{ $problem }）：未比较其订单（注册由 OE-02 判定）
steps-oe-uniform-checkout-no-methods = 平台未声明任何支付方式：没有可比较的订单
steps-oe-uniform-checkout-unpurchasable = 所声明的沙箱商品 { $item } 无法由任何客户端以任何已声明的支付方式购买：沙箱商品必须在每次运行时均可购买（OPIS §6.6）

# 与基准客户端订单相比较的订单。
steps-oe-uniform-checkout-difference = 使用 { $method } 时，与 { $other_role } 的订单相比，{ $role } 的订单{ $difference }
steps-oe-uniform-checkout-more = ……
steps-oe-uniform-checkout-differences = { $what }，涉及 { $count } 个订单：{ $differences }
steps-oe-uniform-checkout-different-terms = 同一订单对不同客户端适用了不同的条件
steps-oe-uniform-checkout-status-differs = 得到 HTTP { $status }，而对方为 HTTP { $other_status }
steps-oe-uniform-checkout-differs-at = 在以下位置不同：{ $members }
steps-oe-uniform-checkout-located-at = 位于 { $location }，而对方位于 { $other_location }
steps-oe-uniform-checkout-next-action-differs = 同一订单的下一步操作对不同客户端的响应不同
steps-oe-uniform-checkout-app-metadata = { $app } 的元数据

# 发现中对列出支付方式的响应的称呼。
steps-oe-uniform-checkout-declared-methods = 所声明的支付方式
